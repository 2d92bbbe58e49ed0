import HourglassCore

/// Kraken's clock (`Time`): the instant that decides which hours have closed.
public struct KrakenServerTime: Sendable, Hashable {
    /// The exchange's time, whole seconds.
    public let now: UTCTimestamp

    /// Creates a server time.
    public init(now: UTCTimestamp) { self.now = now }

    /// The start of the most recent hour that has closed by `now` (hour H closes at H+1h).
    public var lastClosedHour: UTCTimestamp {
        let seconds = now.secondsSinceEpoch
        let currentHour = seconds - seconds % UTCTimestamp.secondsPerHour
        return UTCTimestamp(secondsSinceEpoch: currentHour - UTCTimestamp.secondsPerHour)
    }

    /// Parses `{"unixtime": 1688669448, "rfc1123": "…"}`.
    public static func parse(_ result: KrakenJSON) throws(KrakenError) -> KrakenServerTime {
        let seconds = try result.member("unixtime").int()
        guard seconds > 0 else { throw try result.member("unixtime").malformed("\(seconds) is not a Unix time") }
        return KrakenServerTime(now: UTCTimestamp(secondsSinceEpoch: seconds))
    }
}
