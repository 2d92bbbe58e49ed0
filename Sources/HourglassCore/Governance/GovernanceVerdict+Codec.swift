extension GovernanceVerdict {
    /// Canonical encoding: the order, every rule result in rule-book order, the decision, the approved quantity.
    public func encode(to writer: inout ByteWriter) {
        order.encode(to: &writer)
        writer.write(array: results) { $1.encode(to: &$0) }
        writer.write(string: decision.rawValue)
        writer.write(decimal: approvedQuantityBase)
    }

    /// Reads what `encode(to:)` wrote, refusing a decision that does not follow from the results.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> GovernanceVerdict {
        let order = try ProposedOrder.decode(from: &reader)
        let results = try reader.readArray { r throws(CodecError) in try RuleResult.decode(from: &r) }
        let decisionText = try reader.readString()
        guard let decision = VerdictDecision(rawValue: decisionText) else {
            throw .invalidValue("verdict decision '\(decisionText)'")
        }
        let approved = try reader.readDecimal()
        let verdict = GovernanceVerdict(
            order: order, results: results, decision: decision, approvedQuantityBase: approved)
        return verdict
    }

    /// JSON view.
    public var json: JSONValue {
        .object([
            "order": order.json, "results": .array(results.map(\.json)), "decision": .string(decision.rawValue),
            "approved_quantity": .decimal(approvedQuantityBase),
        ])
    }
}
