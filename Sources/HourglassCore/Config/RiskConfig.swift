/// Every governance, sizing, exit and circuit-breaker parameter, with the issue-4 defaults.
///
/// Fractions are exact `FixedDecimal`s so the configuration hashes the same everywhere and money
/// limits compare exactly; counts and hours are `Int`. The canonical encoding, JSON view and JSON
/// overrides live in `RiskConfig+Codec.swift`; `validate()` refuses inconsistent values.
public struct RiskConfig: Sendable, Hashable {
    // MARK: Exposure limits
    /// Gross exposure ÷ equity may not exceed this (spot, no margin: 1).
    public var leverageCap: FixedDecimal
    /// Σ position value ÷ equity cap that drawdown tier 2 halves (same value as the total-exposure rule's).
    public var totalExposureCap: FixedDecimal
    /// Two symbols whose 30-day return correlation is above this belong to one cluster.
    public var correlationClusterThreshold: FixedDecimal
    /// A cluster's value ÷ equity may not exceed this.
    public var correlationClusterCap: FixedDecimal

    // MARK: Trade quality
    /// Round-trip fee cost as a fraction of notional (0.4% per side).
    public var feeRoundTripCost: FixedDecimal
    /// Expected round-trip slippage as a fraction of notional, added to the fee hurdle.
    public var expectedSlippage: FixedDecimal
    /// Lowest model confidence an entry may have.
    public var signalMinConfidence: FixedDecimal
    /// Fewest consecutive valid hourly bars the features need.
    public var signalMinHistoryBars: Int

    // MARK: Losses and drawdown
    /// Loss since the day's opening equity, as a fraction, that blocks entries for the rest of the day.
    public var dailyLossLimit: FixedDecimal
    /// Drawdown at which risk is reduced (tier 1).
    public var drawdownReduceRisk: FixedDecimal
    /// Drawdown at which the exposure cap is reduced (tier 2).
    public var drawdownReduceExposure: FixedDecimal
    /// Drawdown at which entries halt and the kill switch trips (tier 3).
    public var drawdownHalt: FixedDecimal
    /// Size multiplier of tier 1.
    public var drawdownRiskMultiplier: FixedDecimal
    /// Exposure-cap multiplier of tier 2.
    public var drawdownExposureCapMultiplier: FixedDecimal

    // MARK: Market conditions
    /// Entries are blocked when realised volatility ranks above this percentile of its history.
    public var volatilityPercentileMax: FixedDecimal
    /// Entries in a symbol are blocked when its high−low range exceeds this multiple of its 30-day
    /// median (per-symbol `spread_anomaly`; deliberately sensitive).
    public var spreadAnomalyMultiple: FixedDecimal
    /// Share of the measured symbols that must show a systemic anomaly for the kill switch to trip
    /// (`spread_anomaly_systemic`) and the breaker to halt.
    public var spreadSystemicShare: FixedDecimal
    /// Range ÷ 30-day median range a symbol must exceed to count towards a systemic anomaly (at
    /// least `spreadAnomalyMultiple`; docs/RISK-CALIBRATION.md).
    public var spreadSystemicMultiple: FixedDecimal
    /// |1h return| a symbol must also reach (≥) to count towards a systemic anomaly: a wide range
    /// with no move is noise, a wide range with a large move is a dislocation.
    public var spreadSystemicMinMove: FixedDecimal
    /// Fewest symbols that must show a systemic anomaly: one symbol alone is never systemic.
    public var spreadSystemicMinSymbols: Int
    /// Share of symbols missing a bar above which the kill switch trips.
    public var missingBarsKillShare: FixedDecimal
    /// BACKTEST only: hours after a trip at which a simulated operator releases the kill switch
    /// (recorded as a `KillSwitchReleased` of the hour, by `KillSwitchState.backtestPolicyOperator`);
    /// 0 never releases. PAPER and LIVE ignore it: only a real operator releases their switch.
    public var backtestReleaseAfterHours: Int

    // MARK: Degradation
    /// Number of most recent closed trades the win rate is measured over.
    public var winRateWindowTrades: Int
    /// Win rate below which sizes are reduced.
    public var winRateMin: FixedDecimal
    /// Size multiplier when the win rate is below its minimum.
    public var winRateSizeMultiplier: FixedDecimal
    /// Losing trades in a row that block entries.
    public var consecutiveLossesMax: Int
    /// How long entries stay blocked after the last loss of such a streak, in hours.
    public var consecutiveLossesBlockHours: Int

    // MARK: Timing
    /// No re-entry in a symbol within this many hours of exiting it.
    public var whipsawReentryHours: Int
    /// No buy in a symbol within this many hours of a stop-out in it.
    public var whipsawStopOutHours: Int
    /// UTC hours of the day (0...23) in which no entries are made, sorted.
    public var blockedHoursUTC: [Int]
    /// New entries allowed per hour.
    public var entriesPerHourMax: Int
    /// New entries allowed per UTC day.
    public var entriesPerDayMax: Int

    // MARK: Sizing
    /// Equity fraction risked per trade once out of exploration.
    public var baseRisk: FixedDecimal
    /// Equity fraction risked per trade while exploring.
    public var explorationRisk: FixedDecimal
    /// Closed trades needed before realised expectancy drives sizing.
    public var explorationTrades: Int
    /// Fraction of the full Kelly bet allowed (quarter Kelly).
    public var kellyFraction: FixedDecimal
    /// Most recent closed trades the Kelly statistics use.
    public var kellyWindowTrades: Int
    /// Size multiplier while the circuit breaker throttles.
    public var throttleMultiplier: FixedDecimal

    // MARK: Exits
    /// Stop loss distance below the entry price, in entry ATRs (also the sizing stop distance).
    public var stopLossATRMultiple: FixedDecimal
    /// Take profit distance above the entry price, in entry ATRs.
    public var takeProfitATRMultiple: FixedDecimal
    /// Expected edge at or below which the thesis is invalidated (negative).
    public var thesisInvalidationEdge: FixedDecimal
    /// Exit a position opened in a trend when the regime turns to range or crash.
    public var exitOnRegimeChange: Bool

    // MARK: Circuit breaker
    /// Drawdown that raises the breaker to ALERT.
    public var breakerAlertDrawdown: FixedDecimal
    /// Losing trades in a row that raise the breaker to ALERT.
    public var breakerAlertConsecutiveLosses: Int
    /// Closed trades needed before the rolling Sharpe ratio counts.
    public var breakerSharpeMinTrades: Int
    /// Calm hours needed before the breaker steps down one level.
    public var breakerRecoveryHours: Int

    // MARK: Regimes
    /// Settings of the `trend` regime.
    public var trend: RegimeSettings
    /// Settings of the `range` regime.
    public var range: RegimeSettings
    /// Settings of the `high_vol` regime.
    public var highVol: RegimeSettings
    /// Settings of the `crash` regime.
    public var crash: RegimeSettings
    /// Settings of the `unknown` regime and of any unrecognised label.
    public var unknown: RegimeSettings

    /// The settings of a regime.
    public func regime(_ regime: Regime) -> RegimeSettings {
        switch regime {
        case .trend: return trend
        case .range: return range
        case .highVol: return highVol
        case .crash: return crash
        case .unknown: return unknown
        }
    }

    /// The issue-4 defaults, with the kill-switch triggers calibrated on 2017–2022 Kraken data
    /// (docs/RISK-CALIBRATION.md).
    public static let `default` = RiskConfig(
        leverageCap: fd("1"), totalExposureCap: fd("0.2"), correlationClusterThreshold: fd("0.8"),
        correlationClusterCap: fd("0.1"),
        feeRoundTripCost: fd("0.008"), expectedSlippage: fd("0.002"), signalMinConfidence: fd("0.55"),
        signalMinHistoryBars: 168,
        dailyLossLimit: fd("0.03"), drawdownReduceRisk: fd("0.1"), drawdownReduceExposure: fd("0.15"),
        drawdownHalt: fd("0.2"),
        drawdownRiskMultiplier: fd("0.5"), drawdownExposureCapMultiplier: fd("0.5"),
        volatilityPercentileMax: fd("0.95"), spreadAnomalyMultiple: fd("4"), spreadSystemicShare: fd("0.6"),
        spreadSystemicMultiple: fd("6"), spreadSystemicMinMove: fd("0.07"), spreadSystemicMinSymbols: 2,
        missingBarsKillShare: fd("0.5"), backtestReleaseAfterHours: 24,
        winRateWindowTrades: 20, winRateMin: fd("0.35"), winRateSizeMultiplier: fd("0.5"),
        consecutiveLossesMax: 5, consecutiveLossesBlockHours: 24,
        whipsawReentryHours: 6, whipsawStopOutHours: 3, blockedHoursUTC: [], entriesPerHourMax: 3, entriesPerDayMax: 12,
        baseRisk: fd("0.02"), explorationRisk: fd("0.005"), explorationTrades: 30, kellyFraction: fd("0.25"),
        kellyWindowTrades: 100,
        throttleMultiplier: fd("0.5"),
        stopLossATRMultiple: fd("2"), takeProfitATRMultiple: fd("4"), thesisInvalidationEdge: fd("-0.004"),
        exitOnRegimeChange: true,
        breakerAlertDrawdown: fd("0.05"), breakerAlertConsecutiveLosses: 3, breakerSharpeMinTrades: 10,
        breakerRecoveryHours: 24,
        trend: RegimeSettings(sizeMultiplier: fd("1"), trailingStopATRMultiple: fd("3"), timeLimitHours: 72),
        range: RegimeSettings(sizeMultiplier: fd("0.8"), trailingStopATRMultiple: fd("1.5"), timeLimitHours: 24),
        highVol: RegimeSettings(sizeMultiplier: fd("0.5"), trailingStopATRMultiple: fd("2"), timeLimitHours: 12),
        crash: RegimeSettings(sizeMultiplier: fd("0"), trailingStopATRMultiple: fd("1"), timeLimitHours: 6),
        unknown: RegimeSettings(sizeMultiplier: fd("0.5"), trailingStopATRMultiple: fd("2"), timeLimitHours: 24))
}

private func fd(_ text: String) -> FixedDecimal { RuleMath.constant(text) }
