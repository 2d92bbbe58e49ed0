/// The one declared order in which rules judge a proposed order.
///
/// The order is part of every verdict event (results are stored in rule order), so it is written
/// once, here, and only changes with a new engine version. `RuleBook` (what the reducer judges
/// with) and `GovernanceRules` (the governance layer alone) both read it.
///
/// First the reducer's own constraints (cash, long-only, positions, exposure, per-asset cap, data
/// integrity), then governance: halts (kill switch, breaker), whether the order can exist at all
/// (min order), trade quality (signal, fee hurdle), exposure (leverage, correlation cluster),
/// losses (daily loss, drawdown tiers), market conditions (volatility regime, spread anomaly),
/// track record (win rate, losing streak) and timing (whipsaw, time of day, frequency). The
/// shadow set (governance off) is the entries marked `inShadow`, in the same relative order.
public enum RuleOrder {
    /// Which layer a rule belongs to.
    public enum Layer: Sendable, Hashable {
        /// The reducer's constraints that no run may break.
        case reducer
        /// The governance engine (`GovernanceRules`).
        case governance
    }

    /// One rule's place in the order: its id, layer, whether the shadow run keeps it, and how to
    /// build it from a config.
    public struct Entry: Sendable {
        public let id: String
        public let layer: Layer
        /// Kept when governance is off (`EngineConfig.governanceEnabled == false`).
        public let inShadow: Bool
        let make: @Sendable (EngineConfig) -> any GovernanceRule
    }

    /// Every rule, in judging order.
    public static let entries: [Entry] = [
        Entry(id: "cash_sufficiency", layer: .reducer, inShadow: true) { CashSufficiencyRule(config: $0) },
        Entry(id: "long_only", layer: .reducer, inShadow: true) { _ in LongOnlyRule() },
        Entry(id: "max_positions", layer: .reducer, inShadow: false) {
            MaxPositionsRule(maxOpenPositions: $0.limits.maxOpenPositions)
        },
        Entry(id: "total_exposure", layer: .reducer, inShadow: false) {
            TotalExposureRule(cap: $0.risk.totalExposureCap)
        },
        Entry(id: "position_size_cap", layer: .reducer, inShadow: false) {
            PositionSizeCapRule(cap: $0.limits.perAssetCap)
        },
        Entry(id: "data_integrity", layer: .reducer, inShadow: false) { _ in DataIntegrityRule() },
        Entry(id: "kill_switch", layer: .governance, inShadow: false) { KillSwitchRule(config: $0.risk) },
        Entry(id: "circuit_breaker", layer: .governance, inShadow: false) { CircuitBreakerRule(config: $0.risk) },
        Entry(id: "min_order", layer: .governance, inShadow: true) { MinOrderRule(config: $0.risk) },
        Entry(id: "signal_quality", layer: .governance, inShadow: false) { SignalQualityRule(config: $0.risk) },
        Entry(id: "fee_hurdle", layer: .governance, inShadow: false) { FeeHurdleRule(config: $0.risk) },
        Entry(id: "leverage_cap", layer: .governance, inShadow: false) { LeverageCapRule(config: $0.risk) },
        Entry(id: "correlation_cluster_cap", layer: .governance, inShadow: false) {
            CorrelationClusterCapRule(config: $0.risk)
        },
        Entry(id: "daily_loss_limit", layer: .governance, inShadow: false) { DailyLossLimitRule(config: $0.risk) },
        Entry(id: "drawdown_tiers", layer: .governance, inShadow: false) { DrawdownTiersRule(config: $0.risk) },
        Entry(id: "volatility_regime", layer: .governance, inShadow: false) { VolatilityRegimeRule(config: $0.risk) },
        Entry(id: "spread_anomaly", layer: .governance, inShadow: false) { SpreadAnomalyRule(config: $0.risk) },
        Entry(id: "win_rate_degradation", layer: .governance, inShadow: false) {
            WinRateDegradationRule(config: $0.risk)
        },
        Entry(id: "consecutive_losses", layer: .governance, inShadow: false) { ConsecutiveLossesRule(config: $0.risk) },
        Entry(id: "whipsaw_protection", layer: .governance, inShadow: false) { WhipsawProtectionRule(config: $0.risk) },
        Entry(id: "time_of_day", layer: .governance, inShadow: false) { TimeOfDayRule(config: $0.risk) },
        Entry(id: "trade_frequency", layer: .governance, inShadow: false) { TradeFrequencyRule(config: $0.risk) },
    ]

    /// The ids of `entries` passing `include`, in order.
    public static func ids(where include: (Entry) -> Bool = { _ in true }) -> [String] {
        entries.filter(include).map(\.id)
    }

    /// The rules of `entries` passing `include`, configured by `config`, in order; traps when a
    /// rule's own id differs from its entry's (the order table and the rules are out of step).
    public static func rules(
        config: EngineConfig,
        where include: (Entry) -> Bool = { _ in true }
    ) -> [any GovernanceRule] {
        let chosen = entries.filter(include)
        let rules = chosen.map { $0.make(config) }
        precondition(rules.map(\.id) == chosen.map(\.id), "RuleOrder.entries is out of step with the rules' ids")
        return rules
    }
}
