/// One OHLCV bar of one symbol on one exchange; `openTs` is the bar's start (UTC).
public struct Bar: Sendable, Hashable {
    /// Exchange name, lower case (`kraken`, `binance`).
    public var exchange: String
    /// Symbol as `BASE/QUOTE` (`XBT/USD`).
    public var symbol: String
    /// Start of the bar.
    public var openTs: UTCTimestamp
    /// Length of the bar in seconds (3600 for hourly bars).
    public var intervalSeconds: Int64
    /// Opening price in quote currency.
    public var openPrice: FixedDecimal
    /// Highest price.
    public var highPrice: FixedDecimal
    /// Lowest price.
    public var lowPrice: FixedDecimal
    /// Closing price.
    public var closePrice: FixedDecimal
    /// Traded volume in the base asset.
    public var volumeBase: FixedDecimal

    /// Creates a bar.
    public init(
        exchange: String, symbol: String, openTs: UTCTimestamp, intervalSeconds: Int64,
        openPrice: FixedDecimal, highPrice: FixedDecimal, lowPrice: FixedDecimal,
        closePrice: FixedDecimal, volumeBase: FixedDecimal
    ) {
        self.exchange = exchange
        self.symbol = symbol
        self.openTs = openTs
        self.intervalSeconds = intervalSeconds
        self.openPrice = openPrice
        self.highPrice = highPrice
        self.lowPrice = lowPrice
        self.closePrice = closePrice
        self.volumeBase = volumeBase
    }

    /// A broken invariant: which field and why.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// The offending field (`open`, `high`, `low`, `close`, `volume`, `ts_utc`).
        public let field: String
        /// Why the value is refused.
        public let reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// The first broken bar invariant, or nil when the bar is valid.
    public var violation: Violation? {
        for (field, price) in [("open", openPrice), ("high", highPrice), ("low", lowPrice), ("close", closePrice)]
        where !price.isPositive {
            return Violation(field: field, reason: "price must be above zero, got \(price)")
        }
        if volumeBase.isNegative {
            return Violation(field: "volume", reason: "volume must not be negative, got \(volumeBase)")
        }
        if lowPrice > min(openPrice, closePrice) {
            return Violation(
                field: "low", reason: "low \(lowPrice) is above min(open, close) \(min(openPrice, closePrice))")
        }
        if highPrice < max(openPrice, closePrice) {
            return Violation(
                field: "high", reason: "high \(highPrice) is below max(open, close) \(max(openPrice, closePrice))")
        }
        if intervalSeconds <= 0 { return Violation(field: "interval", reason: "interval must be positive") }
        if openTs.secondsSinceEpoch % intervalSeconds != 0 {
            return Violation(field: "ts_utc", reason: "\(openTs) is not on a \(intervalSeconds)-second boundary")
        }
        return nil
    }

    /// The event stream that holds this exchange's bars.
    public static func stream(exchange: String) -> String { "market.\(exchange)" }
}
