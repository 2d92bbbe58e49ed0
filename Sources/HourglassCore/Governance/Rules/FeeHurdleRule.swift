/// Blocks an entry whose expected edge does not exceed the round-trip fee plus expected slippage.
public struct FeeHurdleRule: GovernanceRule {
    public let id = "fee_hurdle"
    public let scope = RuleScope.entries
    /// Round-trip cost plus expected slippage, as a fraction of notional.
    public let hurdle: FixedDecimal

    /// Reads the fee and slippage from `config`.
    public init(config: RiskConfig) { hurdle = config.feeRoundTripCost + config.expectedSlippage }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let edge = order.expectedEdge
        let passes = edge.isFinite && edge > hurdle.doubleValue
        return RuleResult(
            ruleId: id, measured: .number(edge), threshold: .decimal(hurdle), outcome: passes ? .pass : .block,
            reason: passes
                ? "expected edge \(RuleMath.percent(edge)) exceeds the \(RuleMath.percent(hurdle)) round-trip cost and slippage"
                : "expected edge \(RuleMath.percent(edge)) does not exceed the \(RuleMath.percent(hurdle)) round-trip cost and slippage"
        )
    }
}
