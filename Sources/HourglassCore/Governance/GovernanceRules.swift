/// The governance engine's rules in their fixed, recorded order.
///
/// The order is part of every verdict event (results are stored in rule order), so it never
/// changes silently: halts first (kill switch, breaker), then whether the order can exist at all
/// (min order), trade quality (signal, fee hurdle), exposure (leverage, correlation cluster),
/// losses (daily loss, drawdown tiers), market conditions (volatility regime, spread anomaly),
/// track record (win rate, losing streak) and timing (whipsaw, time of day, frequency). The
/// reducer's `RuleBook` rules (cash, long-only, positions, exposure, per-asset cap, data
/// integrity) are concatenated with these by the engine.
public enum GovernanceRules {
    /// Every rule id of `all(config:)`, in order.
    public static let ids = [
        "kill_switch", "circuit_breaker", "min_order", "signal_quality", "fee_hurdle", "leverage_cap",
        "correlation_cluster_cap", "daily_loss_limit", "drawdown_tiers", "volatility_regime", "spread_anomaly",
        "win_rate_degradation", "consecutive_losses", "whipsaw_protection", "time_of_day", "trade_frequency",
    ]

    /// The rules configured by `config`, in the documented order.
    public static func all(config: RiskConfig) -> [any GovernanceRule] {
        let rules: [any GovernanceRule] = [
            KillSwitchRule(config: config), CircuitBreakerRule(config: config), MinOrderRule(config: config),
            SignalQualityRule(config: config), FeeHurdleRule(config: config), LeverageCapRule(config: config),
            CorrelationClusterCapRule(config: config), DailyLossLimitRule(config: config), DrawdownTiersRule(config: config),
            VolatilityRegimeRule(config: config), SpreadAnomalyRule(config: config), WinRateDegradationRule(config: config),
            ConsecutiveLossesRule(config: config), WhipsawProtectionRule(config: config), TimeOfDayRule(config: config),
            TradeFrequencyRule(config: config),
        ]
        precondition(rules.map(\.id) == ids, "GovernanceRules.ids is out of step with all(config:)")
        return rules
    }
}
