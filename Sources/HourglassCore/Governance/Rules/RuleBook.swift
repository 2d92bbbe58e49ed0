/// The rules every proposed order is judged by, in a fixed order (the order of DESIGN §7's table).
///
/// The governance engine (issue 4) appends its rules in `init(config:)`; the order is part of the
/// verdict events, so it only changes with a new engine version.
public struct RuleBook: Sendable {
    /// The rules, in judging order.
    public let rules: [any GovernanceRule]

    /// Wraps rules; traps on duplicate ids.
    public init(rules: [any GovernanceRule]) {
        precondition(Set(rules.map(\.id)).count == rules.count, "rule ids must be unique")
        self.rules = rules
    }

    /// The rule book of `config`.
    public init(config: EngineConfig) {
        self.init(rules: [
            CashSufficiencyRule(config: config),
            LongOnlyRule(),
            MaxPositionsRule(maxOpenPositions: config.limits.maxOpenPositions),
            TotalExposureRule(cap: config.limits.totalExposureCap),
            PositionSizeCapRule(cap: config.limits.perAssetCap),
            DataIntegrityRule(),
        ])
    }

    /// The ids, in order.
    public var ids: [String] { rules.map(\.id) }

    /// Judges one order with every rule.
    public func judge(_ order: ProposedOrder, context: GovernanceContext) -> GovernanceVerdict {
        GovernanceVerdict.judge(order, rules: rules, context: context)
    }
}
