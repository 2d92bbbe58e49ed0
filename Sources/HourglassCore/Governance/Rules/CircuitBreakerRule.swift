/// Blocks entries while the circuit breaker is at HALT.
///
/// THROTTLE is applied once, by `PositionSizer` (recorded as its `breaker_throttle` step), so it
/// is reported here but passes: halving twice would misstate the recorded factor.
public struct CircuitBreakerRule: GovernanceRule {
    public let id = "circuit_breaker"
    public let scope = RuleScope.entries

    /// Creates the rule (the breaker state is in the context).
    public init(config: RiskConfig) {}

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let state = context.breakerState
        let halted = state == BreakerLevel.halt.rawValue
        return RuleResult(
            ruleId: id, measured: .text(state), threshold: .text(BreakerLevel.halt.rawValue),
            outcome: halted ? .block : .pass,
            reason: halted ? "circuit breaker is at HALT: no entries" : "circuit breaker is at \(state)")
    }
}
