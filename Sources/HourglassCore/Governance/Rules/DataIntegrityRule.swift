/// `data_integrity`: an order in a symbol whose bar of hour H is missing or invalid is blocked —
/// no decision is made on a price the engine has not seen.
public struct DataIntegrityRule: GovernanceRule {
    public let id = "data_integrity"
    public let scope = RuleScope.all

    /// Creates the rule.
    public init() {}

    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        guard let market = context.market(order.symbol) else {
            return RuleResult(
                ruleId: id, measured: .flag(false), threshold: .flag(true), outcome: .block,
                reason: "\(order.symbol) is not in the universe")
        }
        if market.barValid {
            return RuleResult(
                ruleId: id, measured: .flag(true), threshold: .flag(true), outcome: .pass,
                reason: "bar of the hour is present and valid")
        }
        return RuleResult(
            ruleId: id, measured: .flag(false), threshold: .flag(true), outcome: .block,
            reason: "bar of the hour: \(market.barProblem ?? "missing")")
    }
}
