/// One field of `RiskConfig`: its JSON path, where it lives, and the values it may take.
struct RiskConfigField {
    /// Where the value lives and what type it has.
    enum Kind {
        case decimal(WritableKeyPath<RiskConfig, FixedDecimal>)
        case integer(WritableKeyPath<RiskConfig, Int>)
        case flag(WritableKeyPath<RiskConfig, Bool>)
        case hours(WritableKeyPath<RiskConfig, [Int]>)
    }

    let path: [String]
    let kind: Kind
    let decimalBounds: ClosedRange<FixedDecimal>?
    let integerBounds: ClosedRange<Int>?

    init(_ path: [String], decimal: WritableKeyPath<RiskConfig, FixedDecimal>, _ bounds: ClosedRange<FixedDecimal>) {
        self.path = path
        kind = .decimal(decimal)
        decimalBounds = bounds
        integerBounds = nil
    }

    init(_ path: [String], integer: WritableKeyPath<RiskConfig, Int>, _ bounds: ClosedRange<Int>) {
        self.path = path
        kind = .integer(integer)
        decimalBounds = nil
        integerBounds = bounds
    }

    init(_ path: [String], flag: WritableKeyPath<RiskConfig, Bool>) {
        self.path = path
        kind = .flag(flag)
        decimalBounds = nil
        integerBounds = nil
    }

    init(_ path: [String], hours: WritableKeyPath<RiskConfig, [Int]>) {
        self.path = path
        kind = .hours(hours)
        decimalBounds = nil
        integerBounds = nil
    }
}

extension RiskConfig {
    /// Every field in canonical order. Appending a field changes the encoding: bump `formatVersion`.
    static var fields: [RiskConfigField] {
        let unit = fd("0")...fd("1")
        let positiveUnit = fd("0.000001")...fd("1")
        return [
            RiskConfigField(["leverage_cap"], decimal: \.leverageCap, fd("0.000001")...fd("1")),
            RiskConfigField(["total_exposure_cap"], decimal: \.totalExposureCap, unit),
            RiskConfigField(["correlation_cluster_threshold"], decimal: \.correlationClusterThreshold, unit),
            RiskConfigField(["correlation_cluster_cap"], decimal: \.correlationClusterCap, unit),
            RiskConfigField(["fee_round_trip_cost"], decimal: \.feeRoundTripCost, unit),
            RiskConfigField(["expected_slippage"], decimal: \.expectedSlippage, unit),
            RiskConfigField(["signal_min_confidence"], decimal: \.signalMinConfidence, unit),
            RiskConfigField(["signal_min_history_bars"], integer: \.signalMinHistoryBars, 0...100_000),
            RiskConfigField(["daily_loss_limit"], decimal: \.dailyLossLimit, positiveUnit),
            RiskConfigField(["drawdown_reduce_risk"], decimal: \.drawdownReduceRisk, positiveUnit),
            RiskConfigField(["drawdown_reduce_exposure"], decimal: \.drawdownReduceExposure, positiveUnit),
            RiskConfigField(["drawdown_halt"], decimal: \.drawdownHalt, positiveUnit),
            RiskConfigField(["drawdown_risk_multiplier"], decimal: \.drawdownRiskMultiplier, unit),
            RiskConfigField(["drawdown_exposure_cap_multiplier"], decimal: \.drawdownExposureCapMultiplier, unit),
            RiskConfigField(["volatility_percentile_max"], decimal: \.volatilityPercentileMax, unit),
            RiskConfigField(["spread_anomaly_multiple"], decimal: \.spreadAnomalyMultiple, fd("1")...fd("1000")),
            RiskConfigField(["spread_systemic_share"], decimal: \.spreadSystemicShare, positiveUnit),
            RiskConfigField(["spread_systemic_multiple"], decimal: \.spreadSystemicMultiple, fd("1")...fd("1000")),
            RiskConfigField(["spread_systemic_min_move"], decimal: \.spreadSystemicMinMove, unit),
            RiskConfigField(["spread_systemic_min_symbols"], integer: \.spreadSystemicMinSymbols, 1...10_000),
            RiskConfigField(["missing_bars_kill_share"], decimal: \.missingBarsKillShare, unit),
            RiskConfigField(["win_rate_window_trades"], integer: \.winRateWindowTrades, 1...10_000),
            RiskConfigField(["win_rate_min"], decimal: \.winRateMin, unit),
            RiskConfigField(["win_rate_size_multiplier"], decimal: \.winRateSizeMultiplier, unit),
            RiskConfigField(["consecutive_losses_max"], integer: \.consecutiveLossesMax, 1...10_000),
            RiskConfigField(["consecutive_losses_block_hours"], integer: \.consecutiveLossesBlockHours, 0...100_000),
            RiskConfigField(["whipsaw_reentry_hours"], integer: \.whipsawReentryHours, 0...100_000),
            RiskConfigField(["whipsaw_stop_out_hours"], integer: \.whipsawStopOutHours, 0...100_000),
            RiskConfigField(["blocked_hours_utc"], hours: \.blockedHoursUTC),
            RiskConfigField(["entries_per_hour_max"], integer: \.entriesPerHourMax, 0...10_000),
            RiskConfigField(["entries_per_day_max"], integer: \.entriesPerDayMax, 0...100_000),
            RiskConfigField(["base_risk"], decimal: \.baseRisk, fd("0")...fd("0.1")),
            RiskConfigField(["exploration_risk"], decimal: \.explorationRisk, fd("0")...fd("0.1")),
            RiskConfigField(["exploration_trades"], integer: \.explorationTrades, 0...100_000),
            RiskConfigField(["kelly_fraction"], decimal: \.kellyFraction, unit),
            RiskConfigField(["kelly_window_trades"], integer: \.kellyWindowTrades, 1...100_000),
            RiskConfigField(["throttle_multiplier"], decimal: \.throttleMultiplier, unit),
            RiskConfigField(["stop_loss_atr_multiple"], decimal: \.stopLossATRMultiple, fd("0.1")...fd("100")),
            RiskConfigField(["take_profit_atr_multiple"], decimal: \.takeProfitATRMultiple, fd("0.1")...fd("1000")),
            RiskConfigField(["thesis_invalidation_edge"], decimal: \.thesisInvalidationEdge, fd("-1")...fd("0")),
            RiskConfigField(["exit_on_regime_change"], flag: \.exitOnRegimeChange),
            RiskConfigField(["breaker_alert_drawdown"], decimal: \.breakerAlertDrawdown, positiveUnit),
            RiskConfigField(["breaker_alert_consecutive_losses"], integer: \.breakerAlertConsecutiveLosses, 1...10_000),
            RiskConfigField(["breaker_sharpe_min_trades"], integer: \.breakerSharpeMinTrades, 2...10_000),
            RiskConfigField(["breaker_recovery_hours"], integer: \.breakerRecoveryHours, 0...100_000),
            RiskConfigField(["regimes", "trend", "size_multiplier"], decimal: \.trend.sizeMultiplier, unit),
            RiskConfigField(
                ["regimes", "trend", "trailing_stop_atr_multiple"], decimal: \.trend.trailingStopATRMultiple,
                fd("0.1")...fd("100")),
            RiskConfigField(["regimes", "trend", "time_limit_hours"], integer: \.trend.timeLimitHours, 1...100_000),
            RiskConfigField(["regimes", "range", "size_multiplier"], decimal: \.range.sizeMultiplier, unit),
            RiskConfigField(
                ["regimes", "range", "trailing_stop_atr_multiple"], decimal: \.range.trailingStopATRMultiple,
                fd("0.1")...fd("100")),
            RiskConfigField(["regimes", "range", "time_limit_hours"], integer: \.range.timeLimitHours, 1...100_000),
            RiskConfigField(["regimes", "high_vol", "size_multiplier"], decimal: \.highVol.sizeMultiplier, unit),
            RiskConfigField(
                ["regimes", "high_vol", "trailing_stop_atr_multiple"], decimal: \.highVol.trailingStopATRMultiple,
                fd("0.1")...fd("100")),
            RiskConfigField(
                ["regimes", "high_vol", "time_limit_hours"], integer: \.highVol.timeLimitHours, 1...100_000),
            RiskConfigField(["regimes", "crash", "size_multiplier"], decimal: \.crash.sizeMultiplier, unit),
            RiskConfigField(
                ["regimes", "crash", "trailing_stop_atr_multiple"], decimal: \.crash.trailingStopATRMultiple,
                fd("0.1")...fd("100")),
            RiskConfigField(["regimes", "crash", "time_limit_hours"], integer: \.crash.timeLimitHours, 1...100_000),
            RiskConfigField(["regimes", "unknown", "size_multiplier"], decimal: \.unknown.sizeMultiplier, unit),
            RiskConfigField(
                ["regimes", "unknown", "trailing_stop_atr_multiple"], decimal: \.unknown.trailingStopATRMultiple,
                fd("0.1")...fd("100")),
            RiskConfigField(
                ["regimes", "unknown", "time_limit_hours"], integer: \.unknown.timeLimitHours, 1...100_000),
            RiskConfigField(["backtest_release_after_hours"], integer: \.backtestReleaseAfterHours, 0...100_000),
        ]
    }
}

private func fd(_ text: String) -> FixedDecimal { RuleMath.constant(text) }
