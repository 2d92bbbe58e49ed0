/// The governance engine's rules (the `governance` layer of `RuleOrder`), in their fixed,
/// recorded order. The order itself is declared once, in `RuleOrder.entries`.
public enum GovernanceRules {
    /// Every rule id of `all(config:)`, in order.
    public static let ids = RuleOrder.ids { $0.layer == .governance }

    /// The rules configured by `config`, in the declared order.
    public static func all(config: RiskConfig) -> [any GovernanceRule] {
        var engine = EngineConfig.default
        engine.risk = config
        return RuleOrder.rules(config: engine) { $0.layer == .governance }
    }
}
