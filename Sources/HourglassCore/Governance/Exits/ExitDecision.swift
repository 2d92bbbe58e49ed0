/// The decision to close a whole position, with what was measured against which level.
public struct ExitDecision: Sendable, Hashable {
    /// Why.
    public var reason: ExitReason
    /// The value that crossed the level (a price, hours held, an edge or a regime).
    public var measured: RuleValue
    /// The level it crossed.
    public var threshold: RuleValue
    /// One line for people.
    public var detail: String

    /// Creates a decision.
    public init(reason: ExitReason, measured: RuleValue, threshold: RuleValue, detail: String) {
        self.reason = reason
        self.measured = measured
        self.threshold = threshold
        self.detail = detail
    }

    /// Canonical encoding: reason text, measured, threshold, detail.
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: reason.rawValue)
        measured.encode(to: &writer)
        threshold.encode(to: &writer)
        writer.write(string: detail)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ExitDecision {
        let text = try reader.readString()
        guard let reason = ExitReason(rawValue: text) else { throw .invalidValue("unknown exit reason \(text)") }
        return ExitDecision(
            reason: reason, measured: try RuleValue.decode(from: &reader),
            threshold: try RuleValue.decode(from: &reader), detail: try reader.readString())
    }

    /// JSON view.
    public var json: JSONValue {
        .object([
            "reason": .string(reason.rawValue), "measured": measured.json, "threshold": threshold.json,
            "detail": .string(detail),
        ])
    }
}
