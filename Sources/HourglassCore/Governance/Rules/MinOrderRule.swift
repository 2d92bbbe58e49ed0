/// Blocks any order (entry or exit) below the pair's minimum size or not a whole number of lots.
///
/// Applies to exits too, with one exception: a sell of the **whole** holding always passes, even
/// below the minimum (dust). Risk must always be closable; the paper broker fills it, and a live
/// adapter must close dust the exchange's way (e.g. Kraken's minimum-size market sell of the
/// remainder) rather than leave it open. It is a `FinalSizeRule`: after other rules MODIFY an
/// order, it is judged again on the final size, so a cut below the minimum becomes a BLOCK.
public struct MinOrderRule: FinalSizeRule {
    public let id = "min_order"
    public let scope = RuleScope.all

    /// Creates the rule (its limits are per pair, in `MarketView`).
    public init(config: RiskConfig) {}

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let quantity = order.quantityBase
        guard let market = context.market(order.symbol) else {
            return RuleResult(
                ruleId: id, measured: .decimal(quantity), threshold: .none, outcome: .block,
                reason: "\(order.symbol) is not in the universe: no minimum order size known")
        }
        let minimum = market.minOrderBase
        if order.side == .sell, quantity.isPositive, let held = context.position(order.symbol)?.quantityBase,
            quantity == held
        {
            return RuleResult(
                ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .pass,
                reason: "sells the whole holding \(quantity) of \(order.symbol): closing a position is always allowed")
        }
        if !quantity.isPositive || quantity < minimum {
            return RuleResult(
                ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .block,
                reason: "quantity \(quantity) is below the minimum order \(minimum) of \(order.symbol)")
        }
        let lot = min(max(market.lotDecimals, 0), FixedDecimal.scaleDigits)
        if quantity.rounded(decimals: lot, .down) != quantity {
            return RuleResult(
                ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .block,
                reason: "quantity \(quantity) has more than the \(lot) lot decimals of \(order.symbol)")
        }
        return RuleResult(
            ruleId: id, measured: .decimal(quantity), threshold: .decimal(minimum), outcome: .pass,
            reason: "quantity \(quantity) meets the minimum \(minimum) and the lot of \(order.symbol)")
    }
}
