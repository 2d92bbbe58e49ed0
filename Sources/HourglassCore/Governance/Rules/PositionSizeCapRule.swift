/// `position_size_cap`: one asset's value ÷ equity after a buy may not exceed the cap; a larger
/// buy is reduced to the room left (lot-rounded), or blocked when that is below the minimum.
public struct PositionSizeCapRule: GovernanceRule {
    public let id = "position_size_cap"
    public let scope = RuleScope.entries
    /// Cap as a fraction of equity.
    public var cap: FixedDecimal

    /// Creates the rule.
    public init(cap: FixedDecimal) { self.cap = cap }

    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let current = context.position(order.symbol)?.valueQuote ?? .zero
        return ExposureCap.judge(
            order, context: context, ruleId: id, cap: cap, currentValueQuote: current, what: "\(order.symbol) position")
    }
}
