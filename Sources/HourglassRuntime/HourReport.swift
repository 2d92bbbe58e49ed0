import HourglassCore

/// What the runner did with one hour.
public struct HourReport: Sendable, Equatable {
    /// What happened to the hour.
    public enum Outcome: String, Sendable {
        /// Executed now, on time.
        case executed
        /// Executed now, after its time (catch-up): LIVE sends none of its orders.
        case executedLate = "executed_late"
        /// Already done before: nothing appended.
        case alreadyDone = "already_done"
    }

    /// The run.
    public var runId: String
    /// The hour.
    public var hourTs: UTCTimestamp
    /// What happened.
    public var outcome: Outcome
    /// Events the hour appended (0 when already done).
    public var eventCount: Int
    /// Orders the hour approved.
    public var ordersApproved: Int
    /// Orders sent to the exchange (LIVE, on-time hours only).
    public var ordersSent: Int
    /// Equity at the hour's close.
    public var equityQuote: FixedDecimal?
    /// Whether the kill switch is tripped after the hour.
    public var killSwitchTripped: Bool
}
