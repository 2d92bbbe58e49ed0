/// Blocks entries in a crash or when realised volatility ranks above its percentile limit, and
/// caps entries in a high-volatility regime at that regime's risk budget.
///
/// The high-vol cap is `equity × baseRisk × high_vol multiplier ÷ stop distance`: exactly the
/// largest size `PositionSizer` can produce in that regime. So an order sized by `PositionSizer`
/// (which already applied the multiplier and records it) passes unchanged, and the multiplier is
/// never applied twice; an order sized elsewhere is cut to the budget. Without a stop distance
/// the request itself is multiplied.
public struct VolatilityRegimeRule: GovernanceRule {
    public let id = "volatility_regime"
    public let scope = RuleScope.entries
    /// Volatility percentile above which entries are blocked.
    public let percentileMax: FixedDecimal
    /// Equity fraction risked per trade, the base of the high-vol budget.
    public let baseRisk: FixedDecimal
    /// The `high_vol` regime's size multiplier.
    public let highVolMultiplier: FixedDecimal

    /// Reads the limits from `config`.
    public init(config: RiskConfig) {
        percentileMax = config.volatilityPercentileMax
        baseRisk = config.baseRisk
        highVolMultiplier = config.highVol.sizeMultiplier
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        guard let market = context.market(order.symbol) else {
            return RuleResult(
                ruleId: id, measured: .none, threshold: .decimal(percentileMax), outcome: .block,
                reason: "\(order.symbol) is not in the universe: volatility unknown")
        }
        if market.regime == .crash {
            return RuleResult(
                ruleId: id, measured: .text(market.regime.rawValue), threshold: .text(Regime.crash.rawValue),
                outcome: .block,
                reason: "regime is crash: no entries")
        }
        guard let percentile = market.features?.volatilityPercentile else {
            return RuleResult(
                ruleId: id, measured: .none, threshold: .decimal(percentileMax), outcome: .pass,
                reason: "no volatility features yet (signal_quality judges missing history)")
        }
        if !percentile.isFinite || percentile > percentileMax.doubleValue {
            return RuleResult(
                ruleId: id, measured: .number(percentile), threshold: .decimal(percentileMax), outcome: .block,
                reason: "realised volatility at percentile \(RuleMath.number(percentile)) is above \(percentileMax)")
        }
        if market.regime == .highVol {
            let allowed = highVolAllowance(order, context)
            return RuleResult(
                ruleId: id, measured: .number(percentile), threshold: .decimal(highVolMultiplier),
                outcome: RuleMath.limit(order, to: allowed),
                reason: "high-vol regime: size limited to the risk budget × \(highVolMultiplier)")
        }
        return RuleResult(
            ruleId: id, measured: .number(percentile), threshold: .decimal(percentileMax), outcome: .pass,
            reason:
                "volatility percentile \(RuleMath.number(percentile)) within \(percentileMax), regime \(market.regime)")
    }

    private func highVolAllowance(_ order: ProposedOrder, _ context: GovernanceContext) -> FixedDecimal {
        let lot = RuleMath.lotDecimals(order, context)
        guard order.stopDistanceFraction.isFinite,
            let stop = FixedDecimal.fromDouble(order.stopDistanceFraction, decimals: 12, rounding: .up), stop.isPositive
        else {
            return RuleMath.scaled(order.quantityBase, by: highVolMultiplier, lotDecimals: lot)
        }
        let budget = context.equityQuote.multiplied(by: baseRisk, rounding: .down)
            .multiplied(by: highVolMultiplier, rounding: .down)
            .divided(by: stop, rounding: .down)
        return RuleMath.quantity(notional: budget, price: order.referencePriceQuote, lotDecimals: lot)
    }
}
