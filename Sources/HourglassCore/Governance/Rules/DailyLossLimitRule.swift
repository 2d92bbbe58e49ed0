/// Blocks entries for the rest of the UTC day once the loss since the day's opening equity reaches the limit.
public struct DailyLossLimitRule: GovernanceRule {
    public let id = "daily_loss_limit"
    public let scope = RuleScope.entries
    /// Loss ÷ day-opening equity at which entries stop.
    public let limit: FixedDecimal

    /// Reads the limit from `config`.
    public init(config: RiskConfig) { limit = config.dailyLossLimit }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let dayOpen = context.dayOpenEquityQuote
        let loss = dayOpen - context.equityQuote
        let measured = RuleValue.number(RuleMath.ratio(loss, dayOpen))
        guard dayOpen.isPositive else {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .decimal(limit), outcome: .block,
                reason: "day-opening equity \(dayOpen) is not positive")
        }
        // Exact comparison: loss ≥ limit × opening equity.
        let blocked = loss >= dayOpen.multiplied(by: limit, rounding: .down)
        let lossText = RuleMath.percent(RuleMath.ratio(loss, dayOpen))
        return RuleResult(
            ruleId: id, measured: measured, threshold: .decimal(limit), outcome: blocked ? .block : .pass,
            reason: blocked
                ? "lost \(lossText) since 00:00 UTC, at or beyond the \(RuleMath.percent(limit)) daily limit: no entries today"
                : "change since 00:00 UTC is \(lossText) loss, within the \(RuleMath.percent(limit)) daily limit")
    }
}
