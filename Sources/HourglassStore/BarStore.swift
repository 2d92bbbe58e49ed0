import HourglassCore

/// Reads what the bars projection holds.
public struct BarStore {
    /// The log read.
    public let log: EventLog

    /// Wraps a log.
    public init(log: EventLog) { self.log = log }

    /// The newest hourly bar's open of `symbol` on `exchange`, or nil when none is stored.
    public func lastHourlyBarTs(exchange: String, symbol: String) throws -> UTCTimestamp? {
        let result = try log.connection.execute(
            """
            SELECT extract(epoch from max(ts_utc))::bigint FROM bars
            WHERE exchange = $1 AND symbol = $2 AND interval_seconds = 3600
            """, [.text(exchange), .text(symbol)], context: "find the last stored bar")
        return result.int64(0, 0).map { UTCTimestamp(secondsSinceEpoch: $0) }
    }
}
