/// The layout of a bar file.
public enum BarFileFormat: String, Sendable, Hashable, CaseIterable {
    /// `ts_utc,open,high,low,close,volume` with that header line; `ts_utc` is ISO-8601 UTC (the
    /// format of every file in `../shared/data`).
    case ohlcv
    /// Kraken's downloadable OHLCVT export: no header, `unix_seconds,open,high,low,close,volume,trades`.
    /// The trade count is checked and dropped.
    case kraken

    /// The column names in file order, as used in `BarFileError.field`.
    public var fieldNames: [String] {
        switch self {
        case .ohlcv: return ["ts_utc", "open", "high", "low", "close", "volume"]
        case .kraken: return ["unix_seconds", "open", "high", "low", "close", "volume", "trades"]
        }
    }
}
