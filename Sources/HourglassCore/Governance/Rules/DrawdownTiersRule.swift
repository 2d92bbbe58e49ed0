/// Scales entries down as drawdown from peak equity deepens, and halts them at the last tier.
///
/// Tier 1 (≥ `drawdownReduceRisk`): size × `drawdownRiskMultiplier`. Tier 2 (≥
/// `drawdownReduceExposure`): also keeps gross exposure within `totalExposureCap` ×
/// `drawdownExposureCapMultiplier`. Tier 3 (≥ `drawdownHalt`): BLOCK; the kill switch itself is
/// tripped by the reducer through `KillSwitchTrigger`, since a rule cannot change state.
public struct DrawdownTiersRule: GovernanceRule {
    public let id = "drawdown_tiers"
    public let scope = RuleScope.entries
    /// Tier 1 drawdown: size × `riskMultiplier`.
    public let reduceRisk: FixedDecimal
    /// Tier 2 drawdown: exposure cap lowered to `reducedExposureCap`.
    public let reduceExposure: FixedDecimal
    /// Tier 3 drawdown: entries blocked.
    public let halt: FixedDecimal
    /// Size multiplier from tier 1 on.
    public let riskMultiplier: FixedDecimal
    /// Σ position value ÷ equity allowed from tier 2 on.
    public let reducedExposureCap: FixedDecimal

    /// Reads the tiers from `config`.
    public init(config: RiskConfig) {
        reduceRisk = config.drawdownReduceRisk
        reduceExposure = config.drawdownReduceExposure
        halt = config.drawdownHalt
        riskMultiplier = config.drawdownRiskMultiplier
        reducedExposureCap = config.totalExposureCap.multiplied(
            by: config.drawdownExposureCapMultiplier, rounding: .down)
    }

    /// Whether the drawdown of `context` has reached `tier` (exact: peak − equity ≥ tier × peak).
    static func reached(_ tier: FixedDecimal, _ context: GovernanceContext) -> Bool {
        let peak = context.peakEquityQuote
        guard peak.isPositive else { return !context.equityQuote.isPositive }
        return peak - context.equityQuote >= peak.multiplied(by: tier, rounding: .down)
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let drawdown = context.drawdownFraction
        let measured = RuleValue.number(drawdown)
        let ddText = RuleMath.percent(drawdown)
        if Self.reached(halt, context) {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .decimal(halt), outcome: .block,
                reason: "drawdown \(ddText) ≥ \(RuleMath.percent(halt)): entries halt and the kill switch must trip")
        }
        let lot = RuleMath.lotDecimals(order, context)
        let riskCut = RuleMath.scaled(order.quantityBase, by: riskMultiplier, lotDecimals: lot)
        if Self.reached(reduceExposure, context) {
            let room =
                context.equityQuote.multiplied(by: reducedExposureCap, rounding: .down) - context.grossExposureQuote
            let exposureCut =
                order.notionalQuote <= room
                ? order.quantityBase
                : RuleMath.quantity(notional: room, price: order.referencePriceQuote, lotDecimals: lot)
            return RuleResult(
                ruleId: id, measured: measured, threshold: .decimal(reduceExposure),
                outcome: RuleMath.limit(order, to: min(riskCut, exposureCut)),
                reason:
                    "drawdown \(ddText) ≥ \(RuleMath.percent(reduceExposure)): size × \(riskMultiplier) and exposure cap \(RuleMath.percent(reducedExposureCap))"
            )
        }
        if Self.reached(reduceRisk, context) {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .decimal(reduceRisk),
                outcome: RuleMath.limit(order, to: riskCut),
                reason: "drawdown \(ddText) ≥ \(RuleMath.percent(reduceRisk)): size × \(riskMultiplier)")
        }
        return RuleResult(
            ruleId: id, measured: measured, threshold: .decimal(reduceRisk), outcome: .pass,
            reason: "drawdown \(ddText) is below the first tier \(RuleMath.percent(reduceRisk))")
    }
}
