import HourglassCore

/// A span of hours in which the kill switch was tripped or the circuit breaker constrained orders.
public struct ReportPeriod: Sendable, Equatable {
    /// What the period is.
    public enum Kind: String, Sendable, Equatable {
        /// The kill switch was tripped: no new entries.
        case killSwitch = "kill_switch"
        /// The circuit breaker was above NORMAL when orders were judged.
        case breaker = "breaker"
    }

    /// Kill switch or breaker.
    public var kind: Kind
    /// The first hour of the period.
    public var startHourTs: UTCTimestamp
    /// The last hour of the period (inclusive).
    public var lastHourTs: UTCTimestamp
    /// Why (the trip reason or the breaker level).
    public var reason: String

    /// Creates a period.
    public init(kind: Kind, startHourTs: UTCTimestamp, lastHourTs: UTCTimestamp, reason: String) {
        precondition(startHourTs <= lastHourTs, "a period ends after it starts")
        self.kind = kind
        self.startHourTs = startHourTs
        self.lastHourTs = lastHourTs
        self.reason = reason
    }

    /// Joins consecutive flagged hours with the same reason into periods, in hour order.
    public static func spans(kind: Kind, flagged: [(hourTs: UTCTimestamp, reason: String)]) -> [ReportPeriod] {
        var periods: [ReportPeriod] = []
        for (hourTs, reason) in flagged.sorted(by: { $0.hourTs < $1.hourTs }) {
            if let last = periods.last, last.reason == reason, last.lastHourTs.adding(hours: 1) == hourTs {
                periods[periods.count - 1].lastHourTs = hourTs
            } else {
                periods.append(ReportPeriod(kind: kind, startHourTs: hourTs, lastHourTs: hourTs, reason: reason))
            }
        }
        return periods
    }
}
