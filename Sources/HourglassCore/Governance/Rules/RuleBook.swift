/// The rules every proposed order is judged by, in the order `RuleOrder` declares.
///
/// With governance on: the reducer's six (`cash_sufficiency`, `long_only`, `max_positions`,
/// `total_exposure`, `position_size_cap`, `data_integrity`) followed by the sixteen of
/// `GovernanceRules.all` (kill switch, breaker, min order, …, trade frequency). With governance
/// off (`EngineConfig.governanceEnabled == false`, the shadow run of `governance-report`): only
/// `cash_sufficiency`, `long_only` and `min_order`, the constraints no simulated run may break.
/// The order is part of the verdict events, so it only changes with a new engine version.
public struct RuleBook: Sendable {
    /// The rules, in judging order.
    public let rules: [any GovernanceRule]

    /// Wraps rules; traps on duplicate ids.
    public init(rules: [any GovernanceRule]) {
        precondition(Set(rules.map(\.id)).count == rules.count, "rule ids must be unique")
        self.rules = rules
    }

    /// The reducer's own rules configured by `config` (the `reducer` layer of `RuleOrder`).
    public static func minimalRules(config: EngineConfig) -> [any GovernanceRule] {
        RuleOrder.rules(config: config) { $0.layer == .reducer }
    }

    /// The rule book of `config`: every rule of `RuleOrder`, or its shadow set when governance is off.
    public init(config: EngineConfig) {
        self.init(rules: RuleOrder.rules(config: config) { config.governanceEnabled || $0.inShadow })
    }

    /// The ids, in order.
    public var ids: [String] { rules.map(\.id) }

    /// Judges one order with every rule.
    public func judge(_ order: ProposedOrder, context: GovernanceContext) -> GovernanceVerdict {
        GovernanceVerdict.judge(order, rules: rules, context: context)
    }
}
