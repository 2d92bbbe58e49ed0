/// `long_only`: no order may leave a negative position. A sell larger than the holding is
/// reduced to the holding; a sell with nothing held is blocked.
public struct LongOnlyRule: GovernanceRule {
    public let id = "long_only"
    public let scope = RuleScope.all

    /// Creates the rule.
    public init() {}

    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let held = context.position(order.symbol)?.quantityBase ?? .zero
        let after = order.side == .buy ? held + order.quantityBase : held - order.quantityBase
        if !after.isNegative {
            return RuleResult(
                ruleId: id, measured: .decimal(after), threshold: .decimal(.zero), outcome: .pass,
                reason: "position after the order is \(after)")
        }
        if !held.isPositive {
            return RuleResult(
                ruleId: id, measured: .decimal(after), threshold: .decimal(.zero), outcome: .block,
                reason: "nothing held in \(order.symbol): a sell would open a short")
        }
        return RuleResult(
            ruleId: id, measured: .decimal(after), threshold: .decimal(.zero), outcome: .modify(quantityBase: held),
            reason: "sell of \(order.quantityBase) exceeds the \(held) held; reduced to the holding")
    }
}
