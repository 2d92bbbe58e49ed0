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
    /// Share of symbols whose range is anomalous.
    public var anomalyShare: Double

    /// Creates inputs.
    public init(hourTs: UTCTimestamp, drawdownFraction: Double, winRate: Double?, rollingSharpe: Double?,
                consecutiveLosses: Int, missingBarShare: Double, anomalyShare: Double) {
        self.hourTs = hourTs
        self.drawdownFraction = drawdownFraction
        self.winRate = winRate
        self.rollingSharpe = rollingSharpe
        self.consecutiveLosses = consecutiveLosses
        self.missingBarShare = missingBarShare
        self.anomalyShare = anomalyShare
    }

    /// Measures the inputs from a governance context (the reducer's usual way to build them).
    public static func measure(context: GovernanceContext, config: RiskConfig) -> CircuitBreakerInputs {
        let window = TradeStatistics.recent(context.closedTrades, window: config.winRateWindowTrades)
        let full = window.tradeCount >= config.winRateWindowTrades
        let sharpeWindow = TradeStatistics.recent(context.closedTrades, window: max(config.winRateWindowTrades, config.breakerSharpeMinTrades))
        let sharpe = sharpeWindow.tradeCount >= config.breakerSharpeMinTrades ? sharpeWindow.sharpeRatio : nil
        return CircuitBreakerInputs(
            hourTs: context.hourTs, drawdownFraction: context.drawdownFraction, winRate: full ? window.winRate : nil,
            rollingSharpe: sharpe, consecutiveLosses: TradeStatistics.losingStreak(context.closedTrades).count,
            missingBarShare: context.missingBarShare, anomalyShare: KillSwitchTrigger.anomalyShare(context: context, config: config).share)
    }
}
