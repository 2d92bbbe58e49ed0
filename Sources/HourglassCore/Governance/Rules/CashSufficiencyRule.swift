/// `cash_sufficiency`: a buy's notional + fee must fit in free cash; otherwise it is reduced to
/// the largest lot-rounded quantity that fits, or blocked when that is below the pair's minimum.
public struct CashSufficiencyRule: GovernanceRule {
    public let id = "cash_sufficiency"
    public let scope = RuleScope.entries
    /// Fee rate and rounding come from the configuration.
    public var config: EngineConfig

    /// Creates the rule.
    public init(config: EngineConfig) { self.config = config }

    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let free = context.freeCashQuote
        guard order.side == .buy else {
            return RuleResult(
                ruleId: id, measured: .none, threshold: .decimal(free), outcome: .pass, reason: "a sell raises cash")
        }
        let required = config.buyCostQuote(quantityBase: order.quantityBase, priceQuote: order.referencePriceQuote)
        if required <= free {
            return RuleResult(
                ruleId: id, measured: .decimal(required), threshold: .decimal(free), outcome: .pass,
                reason: "notional + fee \(required) fits in free cash \(free)")
        }
        guard let market = context.market(order.symbol) else {
            return RuleResult(
                ruleId: id, measured: .decimal(required), threshold: .decimal(free), outcome: .block,
                reason: "unknown symbol")
        }
        let fits = config.affordableQuantity(
            cashQuote: free, priceQuote: order.referencePriceQuote, lotDecimals: market.lotDecimals)
        if !fits.isPositive || fits < market.minOrderBase {
            return RuleResult(
                ruleId: id, measured: .decimal(required), threshold: .decimal(free), outcome: .block,
                reason: "free cash \(free) buys \(fits), below the minimum order \(market.minOrderBase)")
        }
        return RuleResult(
            ruleId: id, measured: .decimal(required), threshold: .decimal(free), outcome: .modify(quantityBase: fits),
            reason: "notional + fee \(required) exceeds free cash \(free); reduced to \(fits)")
    }
}
