/// Caps gross exposure ÷ equity at `leverageCap` (spot, no margin): cuts or blocks entries beyond it.
public struct LeverageCapRule: GovernanceRule {
    public let id = "leverage_cap"
    public let scope = RuleScope.entries
    /// Highest gross exposure ÷ equity allowed after the order.
    public let cap: FixedDecimal

    /// Reads the cap from `config`.
    public init(config: RiskConfig) { cap = config.leverageCap }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let equity = context.equityQuote
        let gross = context.grossExposureQuote
        let after = gross + order.notionalQuote
        let measured = RuleValue.number(RuleMath.ratio(after, equity))
        guard equity.isPositive else {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .decimal(cap), outcome: .block,
                reason: "equity \(equity) is not positive: no exposure is allowed")
        }
        let room = equity.multiplied(by: cap, rounding: .down) - gross
        let outcome = RuleMath.limit(order, notionalRoom: room, lotDecimals: RuleMath.lotDecimals(order, context))
        let reason: String
        switch outcome {
        case .pass:
            reason =
                "gross exposure after the order is \(RuleMath.percent(RuleMath.ratio(after, equity))) of equity, within \(RuleMath.percent(cap))"
        case .modify: reason = "cut to the \(room) quote left under gross exposure \(RuleMath.percent(cap)) of equity"
        case .block:
            reason =
                "gross exposure \(RuleMath.percent(RuleMath.ratio(gross, equity))) of equity leaves no room under \(RuleMath.percent(cap))"
        }
        return RuleResult(ruleId: id, measured: measured, threshold: .decimal(cap), outcome: outcome, reason: reason)
    }
}
