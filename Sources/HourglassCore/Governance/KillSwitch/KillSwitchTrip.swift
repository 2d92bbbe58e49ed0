/// A reason the kill switch must trip this hour: what was measured against which threshold.
///
/// The reducer owns the tripped/released state and records trips as events; this is only the
/// finding. `reason` is a stable id (`drawdown_halt`, `spread_anomaly_systemic`,
/// `data_integrity_systemic`), `detail` one human line.
public struct KillSwitchTrip: Sendable, Hashable {
    /// Stable id of the trigger.
    public var reason: String
    /// What was measured.
    public var measured: RuleValue
    /// The threshold it reached.
    public var threshold: RuleValue
    /// One line for people.
    public var detail: String

    /// Creates a trip.
    public init(reason: String, measured: RuleValue, threshold: RuleValue, detail: String) {
        self.reason = reason
        self.measured = measured
        self.threshold = threshold
        self.detail = detail
    }

    /// Canonical encoding.
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: reason)
        measured.encode(to: &writer)
        threshold.encode(to: &writer)
        writer.write(string: detail)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> KillSwitchTrip {
        KillSwitchTrip(
            reason: try reader.readString(), measured: try RuleValue.decode(from: &reader),
            threshold: try RuleValue.decode(from: &reader), detail: try reader.readString())
    }

    /// JSON view.
    public var json: JSONValue {
        .object([
            "reason": .string(reason), "measured": measured.json, "threshold": threshold.json,
            "detail": .string(detail),
        ])
    }
}
