/// The kill switch: once tripped it blocks new entries until an operator release arrives as an
/// input of a later hour.
public struct KillSwitchState: Sendable, Hashable {
    /// True while tripped.
    public var tripped: Bool
    /// Why it tripped (`data_integrity`, ...), while tripped.
    public var reason: String?
    /// The hour it tripped, while tripped.
    public var tripHourTs: UTCTimestamp?

    /// Creates a state.
    public init(tripped: Bool = false, reason: String? = nil, tripHourTs: UTCTimestamp? = nil) {
        self.tripped = tripped
        self.reason = reason
        self.tripHourTs = tripHourTs
    }

    /// `releasedBy` of the simulated operator release made by the BACKTEST release policy
    /// (`RiskConfig.backtestReleaseAfterHours`); no real operator may use it.
    public static let backtestPolicyOperator = "backtest_release_policy"

    /// The simulated operator release the BACKTEST policy makes at `hourTs`, or nil when the switch
    /// is not tripped, the policy is off (0) or fewer than `afterHours` hours have passed since the trip.
    /// Callers apply it only in BACKTEST.
    public func backtestRelease(at hourTs: UTCTimestamp, afterHours: Int) -> KillSwitchReleased? {
        guard tripped, afterHours > 0, let trip = tripHourTs, hourTs >= trip.adding(hours: Int64(afterHours)) else {
            return nil
        }
        return KillSwitchReleased(
            releasedBy: Self.backtestPolicyOperator,
            reason: "simulated operator release (BACKTEST release policy, backtest_release_after_hours "
                + "\(afterHours)): the \(reason ?? "unknown") trip of \(trip.iso8601)")
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(bool: tripped)
        writer.write(optional: reason) { $0.write(string: $1) }
        writer.write(optional: tripHourTs) { $0.write(timestamp: $1) }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> KillSwitchState {
        KillSwitchState(
            tripped: try reader.readBool(),
            reason: try reader.readOptional { r throws(CodecError) in try r.readString() },
            tripHourTs: try reader.readOptional { r throws(CodecError) in try r.readTimestamp() })
    }
}
