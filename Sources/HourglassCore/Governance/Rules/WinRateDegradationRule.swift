/// Halves entries while the win rate of the last closed trades is below its minimum.
public struct WinRateDegradationRule: GovernanceRule {
    public let id = "win_rate_degradation"
    public let scope = RuleScope.entries
    /// Most recent closed trades measured.
    public let windowTrades: Int
    /// Win rate below which sizes are cut.
    public let minWinRate: FixedDecimal
    /// Size multiplier while degraded.
    public let multiplier: FixedDecimal

    /// Reads the window, minimum and multiplier from `config`.
    public init(config: RiskConfig) {
        windowTrades = config.winRateWindowTrades
        minWinRate = config.winRateMin
        multiplier = config.winRateSizeMultiplier
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let recent = context.closedTrades.suffix(windowTrades)
        let wins = recent.filter { $0.realizedPnlQuote.isPositive }.count
        let rate = recent.isEmpty ? 0 : Double(wins) / Double(recent.count)
        guard recent.count >= windowTrades else {
            return RuleResult(
                ruleId: id, measured: .number(rate), threshold: .decimal(minWinRate), outcome: .pass,
                reason: "only \(recent.count) of \(windowTrades) closed trades: win rate not yet judged")
        }
        // Exact comparison: wins < minimum × count.
        let degraded = FixedDecimal(Int64(wins)) < minWinRate.multiplied(byInteger: Int64(recent.count))
        guard degraded else {
            return RuleResult(
                ruleId: id, measured: .number(rate), threshold: .decimal(minWinRate), outcome: .pass,
                reason: "win rate \(wins)/\(recent.count) is at or above \(RuleMath.percent(minWinRate))")
        }
        let cut = RuleMath.scaled(order.quantityBase, by: multiplier, lotDecimals: RuleMath.lotDecimals(order, context))
        return RuleResult(
            ruleId: id, measured: .number(rate), threshold: .decimal(minWinRate),
            outcome: RuleMath.limit(order, to: cut),
            reason: "win rate \(wins)/\(recent.count) is below \(RuleMath.percent(minWinRate)): size × \(multiplier)")
    }
}
