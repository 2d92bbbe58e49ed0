/// The circuit breaker's pure transition: NORMAL → ALERT → THROTTLE → HALT and back.
///
/// Each hour the inputs call for a target level. A higher target is entered at once (risk is cut
/// the hour it shows); a lower one only after `breakerRecoveryHours` consecutive calm hours, and
/// one level at a time, so a single good hour cannot undo a halt.
///
/// - HALT: drawdown ≥ `drawdownHalt`, most bars missing, or a systemic spread anomaly (the kill
///   switch's definition, `KillSwitchTrigger.isSystemic`).
/// - THROTTLE: drawdown ≥ `drawdownReduceRisk`, a losing streak of `consecutiveLossesMax`, or a
///   win rate below `winRateMin` together with a negative rolling Sharpe.
/// - ALERT: drawdown ≥ `breakerAlertDrawdown`, a low win rate or negative Sharpe alone, a streak
///   of `breakerAlertConsecutiveLosses`, or any missing bar or per-symbol spread anomaly.
public enum CircuitBreaker {
    /// The next state and, when the level changed, why.
    public static func next(
        state: CircuitBreakerState, inputs: CircuitBreakerInputs,
        config: RiskConfig
    ) -> (state: CircuitBreakerState, transitionReason: String?) {
        let (target, cause) = target(inputs: inputs, config: config)
        if target > state.level {
            return (
                CircuitBreakerState(level: target, sinceTs: inputs.hourTs, calmHours: 0),
                "\(state.level.rawValue) → \(target.rawValue): \(cause)"
            )
        }
        if target == state.level {
            return (CircuitBreakerState(level: state.level, sinceTs: state.sinceTs, calmHours: 0), nil)
        }
        let calm = state.calmHours + 1
        guard calm >= config.breakerRecoveryHours, let lower = BreakerLevel(rank: state.level.rank - 1) else {
            return (CircuitBreakerState(level: state.level, sinceTs: state.sinceTs, calmHours: calm), nil)
        }
        return (
            CircuitBreakerState(level: lower, sinceTs: inputs.hourTs, calmHours: 0),
            "\(state.level.rawValue) → \(lower.rawValue): \(calm) calm hour(s), conditions call for \(target.rawValue) (\(cause))"
        )
    }

    /// The level the inputs call for, and the first condition that calls for it.
    public static func target(inputs: CircuitBreakerInputs, config: RiskConfig) -> (level: BreakerLevel, cause: String)
    {
        let drawdown = inputs.drawdownFraction
        // Formatted only for the causes that name it (most hours are NORMAL, and formatting cost more than the rest).
        var ddText: String { RuleMath.percent(drawdown) }
        let lowWinRate = inputs.winRate.map { $0 < config.winRateMin.doubleValue } ?? false
        let negativeSharpe = inputs.rollingSharpe.map { $0 < 0 } ?? false
        if drawdown >= config.drawdownHalt.doubleValue {
            return (.halt, "drawdown \(ddText) ≥ \(RuleMath.percent(config.drawdownHalt))")
        }
        if !inputs.missingBarShare.isFinite || inputs.missingBarShare > config.missingBarsKillShare.doubleValue {
            return (.halt, "\(RuleMath.percent(inputs.missingBarShare)) of bars missing")
        }
        if KillSwitchTrigger.isSystemic(
            share: inputs.systemicAnomalyShare, anomalous: inputs.systemicAnomalySymbols, config: config)
        {
            return (.halt, "systemic spread anomaly in \(RuleMath.percent(inputs.systemicAnomalyShare)) of symbols")
        }
        if drawdown >= config.drawdownReduceRisk.doubleValue {
            return (.throttle, "drawdown \(ddText) ≥ \(RuleMath.percent(config.drawdownReduceRisk))")
        }
        if inputs.consecutiveLosses >= config.consecutiveLossesMax {
            return (.throttle, "\(inputs.consecutiveLosses) losses in a row")
        }
        if lowWinRate && negativeSharpe {
            return (.throttle, "win rate below \(RuleMath.percent(config.winRateMin)) and rolling Sharpe < 0")
        }
        if drawdown >= config.breakerAlertDrawdown.doubleValue {
            return (.alert, "drawdown \(ddText) ≥ \(RuleMath.percent(config.breakerAlertDrawdown))")
        }
        if lowWinRate { return (.alert, "win rate below \(RuleMath.percent(config.winRateMin))") }
        if negativeSharpe { return (.alert, "rolling Sharpe \(RuleMath.number(inputs.rollingSharpe ?? 0)) < 0") }
        if inputs.consecutiveLosses >= config.breakerAlertConsecutiveLosses {
            return (.alert, "\(inputs.consecutiveLosses) losses in a row")
        }
        if inputs.missingBarShare > 0 { return (.alert, "\(RuleMath.percent(inputs.missingBarShare)) of bars missing") }
        if inputs.anomalyShare > 0 {
            return (.alert, "spread anomaly in \(RuleMath.percent(inputs.anomalyShare)) of symbols")
        }
        return (.normal, "no degradation")
    }
}
