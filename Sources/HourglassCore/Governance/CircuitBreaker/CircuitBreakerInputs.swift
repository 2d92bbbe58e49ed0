/// What the circuit breaker looks at each hour: drawdown, degradation, data integrity, anomalies.
public struct CircuitBreakerInputs: Sendable, Hashable {
    /// The hour being decided.
    public var hourTs: UTCTimestamp
    /// Drawdown from peak equity as a fraction.
    public var drawdownFraction: Double
    /// Win rate of the last `winRateWindowTrades` closed trades; nil until the window is full.
    public var winRate: Double?
    /// Mean ÷ standard deviation of the last closed-trade returns; nil until enough trades.
    public var rollingSharpe: Double?
    /// Losing trades in a row.
    public var consecutiveLosses: Int
    /// Share of the universe whose bar is missing or invalid.
    public var missingBarShare: Double
    /// Share of symbols whose range is anomalous for the per-symbol `spread_anomaly` rule (ALERT).
    public var anomalyShare: Double
    /// Share of the measured symbols showing a systemic anomaly (`KillSwitchTrigger.systemicAnomaly`).
    public var systemicAnomalyShare: Double
    /// Number of symbols showing a systemic anomaly.
    public var systemicAnomalySymbols: Int

    /// Creates inputs.
    public init(
        hourTs: UTCTimestamp, drawdownFraction: Double, winRate: Double?, rollingSharpe: Double?,
        consecutiveLosses: Int, missingBarShare: Double, anomalyShare: Double, systemicAnomalyShare: Double,
        systemicAnomalySymbols: Int
    ) {
        self.hourTs = hourTs
        self.drawdownFraction = drawdownFraction
        self.winRate = winRate
        self.rollingSharpe = rollingSharpe
        self.consecutiveLosses = consecutiveLosses
        self.missingBarShare = missingBarShare
        self.anomalyShare = anomalyShare
        self.systemicAnomalyShare = systemicAnomalyShare
        self.systemicAnomalySymbols = systemicAnomalySymbols
    }

    /// Measures the inputs from a governance context (the reducer's usual way to build them).
    public static func measure(context: GovernanceContext, config: RiskConfig) -> CircuitBreakerInputs {
        let window = TradeStatistics.recent(context.closedTrades, window: config.winRateWindowTrades)
        let full = window.tradeCount >= config.winRateWindowTrades
        let sharpeWindow = TradeStatistics.recent(
            context.closedTrades, window: max(config.winRateWindowTrades, config.breakerSharpeMinTrades))
        let sharpe = sharpeWindow.tradeCount >= config.breakerSharpeMinTrades ? sharpeWindow.sharpeRatio : nil
        let systemic = KillSwitchTrigger.systemicAnomaly(context: context, config: config)
        return CircuitBreakerInputs(
            hourTs: context.hourTs, drawdownFraction: context.drawdownFraction, winRate: full ? window.winRate : nil,
            rollingSharpe: sharpe, consecutiveLosses: TradeStatistics.losingStreak(context.closedTrades).count,
            missingBarShare: context.missingBarShare,
            anomalyShare: KillSwitchTrigger.anomalyShare(context: context, config: config).share,
            systemicAnomalyShare: systemic.share, systemicAnomalySymbols: systemic.anomalous)
    }
}
