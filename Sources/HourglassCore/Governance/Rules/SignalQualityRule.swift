/// Blocks an entry whose model confidence is below the minimum or whose features lack history.
public struct SignalQualityRule: GovernanceRule {
    public let id = "signal_quality"
    public let scope = RuleScope.entries
    /// Lowest confidence allowed.
    public let minConfidence: FixedDecimal
    /// Fewest consecutive valid bars the features need.
    public let minHistoryBars: Int

    /// Reads the minimums from `config`.
    public init(config: RiskConfig) {
        minConfidence = config.signalMinConfidence
        minHistoryBars = config.signalMinHistoryBars
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        guard let market = context.market(order.symbol) else {
            return result(.none, .block, "\(order.symbol) is not in the universe: no features to judge the signal")
        }
        guard market.historyBars >= minHistoryBars, market.features != nil else {
            return RuleResult(
                ruleId: id, measured: .integer(Int64(market.historyBars)), threshold: .integer(Int64(minHistoryBars)),
                outcome: .block, reason: "only \(market.historyBars) bars of history, features need \(minHistoryBars)")
        }
        let confidence = order.confidence
        guard confidence.isFinite, confidence >= minConfidence.doubleValue else {
            return result(
                .number(confidence), .block,
                "confidence \(RuleMath.number(confidence)) is below the minimum \(minConfidence)")
        }
        return result(
            .number(confidence), .pass,
            "confidence \(RuleMath.number(confidence)) ≥ \(minConfidence) with \(market.historyBars) bars of history")
    }

    private func result(_ measured: RuleValue, _ outcome: RuleOutcome, _ reason: String) -> RuleResult {
        RuleResult(ruleId: id, measured: measured, threshold: .decimal(minConfidence), outcome: outcome, reason: reason)
    }
}
