/// Decides whether a held position must be closed at hour H, and why.
///
/// Checked in this order, the first that applies wins: stop loss (close ≤ entry −
/// `stopLossATRMultiple` × entry ATR), trailing stop (close ≤ highest close − the current
/// regime's `trailingStopATRMultiple` × entry ATR, when that is tighter than the stop), take
/// profit (close ≥ entry + `takeProfitATRMultiple` × entry ATR), thesis invalidation (expected
/// edge ≤ `thesisInvalidationEdge`), regime change (entered in `trend`, now `range` or `crash`),
/// time limit (hours held ≥ the shorter of the entry and current regimes' limits). ATR distances
/// enter prices rounded down to 8 decimals, which moves stops up: exits come no later.
/// Without a usable entry ATR only the last three checks run.
public enum ExitPolicy {
    /// Regimes that end a trend trade when `exitOnRegimeChange` is set.
    public static let regimeChangeTargets: [Regime] = [.range, .crash]

    /// The exit to take now, or nil to hold.
    public static func evaluate(_ input: ExitInput, config: RiskConfig) -> ExitDecision? {
        if let decision = priceExit(input, config: config) { return decision }
        if let edge = input.currentExpectedEdge, !edge.isFinite || edge <= config.thesisInvalidationEdge.doubleValue {
            return ExitDecision(
                reason: .thesisInvalidation, measured: .number(edge),
                threshold: .decimal(config.thesisInvalidationEdge),
                detail:
                    "expected edge \(RuleMath.percent(edge)) flipped to at or below \(RuleMath.percent(config.thesisInvalidationEdge))"
            )
        }
        if config.exitOnRegimeChange, input.entryRegime == .trend, regimeChangeTargets.contains(input.currentRegime) {
            return ExitDecision(
                reason: .regimeChange, measured: .text(input.currentRegime.rawValue),
                threshold: .text(Regime.trend.rawValue),
                detail: "entered in trend, regime is now \(input.currentRegime)")
        }
        let held = RuleMath.hours(from: input.entryTs, to: input.currentTs)
        let limit = min(
            config.regime(input.entryRegime).timeLimitHours, config.regime(input.currentRegime).timeLimitHours)
        if held >= Int64(limit) {
            return ExitDecision(
                reason: .timeLimit, measured: .integer(held), threshold: .integer(Int64(limit)),
                detail: "held \(held)h, the limit for \(input.entryRegime)→\(input.currentRegime) is \(limit)h")
        }
        return nil
    }

    private static func priceExit(_ input: ExitInput, config: RiskConfig) -> ExitDecision? {
        guard input.entryATRQuote.isFinite, input.entryATRQuote > 0,
            let stopDistance = distance(config.stopLossATRMultiple, input.entryATRQuote),
            let profitDistance = distance(config.takeProfitATRMultiple, input.entryATRQuote),
            let trailDistance = distance(
                config.regime(input.currentRegime).trailingStopATRMultiple, input.entryATRQuote)
        else { return nil }
        let close = input.currentCloseQuote
        let stopLevel = input.entryPriceQuote - stopDistance
        if close <= stopLevel {
            return ExitDecision(
                reason: .stopLoss, measured: .decimal(close), threshold: .decimal(stopLevel),
                detail:
                    "close \(close) at or below the stop \(stopLevel) (\(config.stopLossATRMultiple) ATR under entry)")
        }
        let trailLevel = input.highestCloseQuote - trailDistance
        if trailLevel > stopLevel, close <= trailLevel {
            return ExitDecision(
                reason: .trailingStop, measured: .decimal(close), threshold: .decimal(trailLevel),
                detail:
                    "close \(close) at or below the trailing stop \(trailLevel) under the high \(input.highestCloseQuote)"
            )
        }
        let profitLevel = input.entryPriceQuote + profitDistance
        if close >= profitLevel {
            return ExitDecision(
                reason: .takeProfit, measured: .decimal(close), threshold: .decimal(profitLevel),
                detail:
                    "close \(close) at or above the target \(profitLevel) (\(config.takeProfitATRMultiple) ATR over entry)"
            )
        }
        return nil
    }

    /// `multiple × atr` as a price distance, rounded down to 8 decimals.
    private static func distance(_ multiple: FixedDecimal, _ atr: Double) -> FixedDecimal? {
        FixedDecimal.fromDouble(multiple.doubleValue * atr, decimals: 8, rounding: .down)
    }
}
