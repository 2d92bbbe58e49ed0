/// One rule's judgement: its id, what it measured, the threshold, the outcome and a one-line reason.
public struct RuleResult: Sendable, Hashable {
    /// Stable rule id (`total_exposure`).
    public var ruleId: String
    /// The value the rule measured.
    public var measured: RuleValue
    /// The threshold it compared against.
    public var threshold: RuleValue
    /// The outcome.
    public var outcome: RuleOutcome
    /// One line saying why.
    public var reason: String

    /// Creates a result.
    public init(ruleId: String, measured: RuleValue, threshold: RuleValue, outcome: RuleOutcome, reason: String) {
        self.ruleId = ruleId
        self.measured = measured
        self.threshold = threshold
        self.outcome = outcome
        self.reason = reason
    }

    /// Canonical encoding.
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: ruleId)
        measured.encode(to: &writer)
        threshold.encode(to: &writer)
        switch outcome {
        case .pass: writer.write(byte: 0)
        case .modify(let quantity):
            writer.write(byte: 1)
            writer.write(decimal: quantity)
        case .block: writer.write(byte: 2)
        }
        writer.write(string: reason)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> RuleResult {
        let ruleId = try reader.readString()
        let measured = try RuleValue.decode(from: &reader)
        let threshold = try RuleValue.decode(from: &reader)
        let offset = reader.offset
        let outcome: RuleOutcome
        switch try reader.readByte() {
        case 0: outcome = .pass
        case 1: outcome = .modify(quantityBase: try reader.readDecimal())
        case 2: outcome = .block
        case let tag: throw .unknownTag("RuleOutcome", UInt64(tag), offset: offset)
        }
        return RuleResult(
            ruleId: ruleId, measured: measured, threshold: threshold, outcome: outcome, reason: try reader.readString())
    }

    /// JSON view.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "rule_id": .string(ruleId), "measured": measured.json, "threshold": threshold.json,
            "outcome": .string(outcome.name), "reason": .string(reason),
        ]
        if case .modify(let quantity) = outcome { members["modified_quantity"] = .decimal(quantity) }
        return .object(members)
    }
}
