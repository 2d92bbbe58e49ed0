import HourglassCore

/// Reads stored hourly bars back from the `bars` projection of the market stream.
public struct BarHistory {
    let log: EventLog

    /// A reader on `log`.
    public init(log: EventLog) { self.log = log }

    /// The bars of `symbol` on `exchange` opening from `from` through `through`, sorted by open time.
    public func bars(
        exchange: String, symbol: String, from: UTCTimestamp, through: UTCTimestamp,
        intervalSeconds: Int64 = 3600
    ) throws -> [Bar] {
        let result = try log.connection.execute(
            """
            SELECT extract(epoch from ts_utc)::bigint, open::text, high::text, low::text, close::text, volume::text
            FROM bars WHERE exchange = $1 AND symbol = $2 AND interval_seconds = $3
              AND ts_utc BETWEEN to_timestamp($4) AND to_timestamp($5)
            ORDER BY ts_utc
            """,
            [
                .text(exchange), .text(symbol), .int64(intervalSeconds),
                .int64(from.secondsSinceEpoch), .int64(through.secondsSinceEpoch),
            ], context: "read bar history")
        var bars: [Bar] = []
        bars.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            func decimal(_ column: Int) throws -> FixedDecimal { try FixedDecimal.parse(result.string(row, column)!) }
            let openTs = UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!)
            bars.append(
                Bar(
                    exchange: exchange, symbol: symbol, openTs: openTs,
                    intervalSeconds: intervalSeconds, openPrice: try decimal(1), highPrice: try decimal(2),
                    lowPrice: try decimal(3), closePrice: try decimal(4), volumeBase: try decimal(5)))
        }
        return bars
    }

    /// The bars of every symbol in `symbols` (in that order), each as `bars(…)` returns them.
    public func bars(exchange: String, symbols: [String], from: UTCTimestamp, through: UTCTimestamp) throws -> [[Bar]] {
        try symbols.map { try bars(exchange: exchange, symbol: $0, from: from, through: through) }
    }
}
