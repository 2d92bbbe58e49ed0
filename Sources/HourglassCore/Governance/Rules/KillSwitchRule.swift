/// Blocks every entry while the kill switch is tripped; only an operator's recorded release lifts it.
public struct KillSwitchRule: GovernanceRule {
    public let id = "kill_switch"
    public let scope = RuleScope.entries

    /// Creates the rule (the switch state is in the context).
    public init(config: RiskConfig) {}

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        guard context.killSwitchTripped else {
            return RuleResult(
                ruleId: id, measured: .flag(false), threshold: .flag(true), outcome: .pass,
                reason: "kill switch is not tripped")
        }
        return RuleResult(
            ruleId: id, measured: .flag(true), threshold: .flag(true), outcome: .block,
            reason:
                "kill switch tripped (\(context.killSwitchReason ?? "no reason recorded")): no entries until released")
    }
}
