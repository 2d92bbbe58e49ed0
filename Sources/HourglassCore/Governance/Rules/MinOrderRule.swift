/// Blocks any order (entry or exit) below the pair's minimum size or not a whole number of lots.
///
/// Applies to exits too: the exchange refuses such orders, so recording them as approved would lie.
public struct MinOrderRule: GovernanceRule {
    public let id = "min_order"
    public let scope = RuleScope.all

    /// Creates the rule (its limits are per pair, in `MarketView`).
    public init(config: RiskConfig) {}

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let quantity = order.quantityBase
        guard let market = context.market(order.symbol) else {
            return RuleResult(ruleId: id, measured: .decimal(quantity), threshold: .none, outcome: .block,
                              reason: "\(order.symbol) is not in the universe: no minimum order size known")
        }
        let minimum = market.minOrderBase
        if !quantity.isPositive || quantity < minimum {
            return RuleResult(ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .block,
                              reason: "quantity \(quantity) is below the minimum order \(minimum) of \(order.symbol)")
        }
        let lot = min(max(market.lotDecimals, 0), FixedDecimal.scaleDigits)
        if quantity.rounded(decimals: lot, .down) != quantity {
            return RuleResult(ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .block,
                              reason: "quantity \(quantity) has more than the \(lot) lot decimals of \(order.symbol)")
        }
        return RuleResult(ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .pass,
                          reason: "quantity \(quantity) meets the minimum \(minimum) and the lot of \(order.symbol)")
    }
}
