/// Decides, once per hour, whether the kill switch must trip: the state change rules cannot make.
///
/// Pure: the reducer calls `evaluate` after marking to market and before judging orders, records
/// a trip event for each finding when the switch is not already tripped, and sets
/// `GovernanceContext.killSwitchTripped` for the rules.
///
/// The systemic spread anomaly is deliberately stricter than the per-symbol `spread_anomaly` BLOCK
/// (docs/RISK-CALIBRATION.md): a symbol counts towards it only when its range is above
/// `spreadSystemicMultiple` × its 30-day median **and** its 1h return is at least
/// `spreadSystemicMinMove` in size, and at least `spreadSystemicMinSymbols` symbols and
/// `spreadSystemicShare` of the measured ones must do so in the same hour. A kill switch that trips
/// on ordinary wide hours is released by reflex, which is itself a risk to capital.
public enum KillSwitchTrigger {
    /// Every reason the kill switch must trip now, in a fixed order (empty when none).
    public static func evaluate(context: GovernanceContext, config: RiskConfig) -> [KillSwitchTrip] {
        var trips: [KillSwitchTrip] = []
        if DrawdownTiersRule.reached(config.drawdownHalt, context) {
            let drawdown = context.drawdownFraction
            trips.append(
                KillSwitchTrip(
                    reason: "drawdown_halt", measured: .number(drawdown), threshold: .decimal(config.drawdownHalt),
                    detail:
                        "drawdown \(RuleMath.percent(drawdown)) from peak reached the \(RuleMath.percent(config.drawdownHalt)) halt"
                ))
        }
        let systemic = systemicAnomaly(context: context, config: config)
        if isSystemic(share: systemic.share, anomalous: systemic.anomalous, config: config) {
            trips.append(
                KillSwitchTrip(
                    reason: "spread_anomaly_systemic", measured: .number(systemic.share),
                    threshold: .decimal(config.spreadSystemicShare),
                    detail:
                        "\(systemic.anomalous) of \(systemic.measured) symbols show a range above \(config.spreadSystemicMultiple) × median "
                        + "with a 1h move of at least \(RuleMath.percent(config.spreadSystemicMinMove))"))
        }
        let missing = context.missingBarShare
        if !missing.isFinite || missing > config.missingBarsKillShare.doubleValue {
            trips.append(
                KillSwitchTrip(
                    reason: "data_integrity_systemic", measured: .number(missing),
                    threshold: .decimal(config.missingBarsKillShare),
                    detail: "\(RuleMath.percent(missing)) of symbols have a missing or invalid bar"))
        }
        return trips
    }

    /// Share of symbols with range features whose range ratio is anomalous for the per-symbol
    /// `spread_anomaly` rule (above `spreadAnomalyMultiple`): the circuit breaker's ALERT input.
    public static func anomalyShare(context: GovernanceContext, config: RiskConfig) -> (
        share: Double, anomalous: Int, measured: Int
    ) {
        var measured = 0
        var anomalous = 0
        for market in context.markets where market.barValid {
            guard let ratio = market.features?.rangeRatio else { continue }
            measured += 1
            if SpreadAnomalyRule.isAnomalous(ratio, multiple: config.spreadAnomalyMultiple) { anomalous += 1 }
        }
        return (measured > 0 ? Double(anomalous) / Double(measured) : 0, anomalous, measured)
    }

    /// Share and count of the symbols with range features that show a systemic anomaly this hour.
    public static func systemicAnomaly(context: GovernanceContext, config: RiskConfig) -> (
        share: Double, anomalous: Int, measured: Int
    ) {
        var measured = 0
        var anomalous = 0
        for market in context.markets where market.barValid {
            guard let features = market.features else { continue }
            measured += 1
            if isSystemicallyAnomalous(features, config: config) { anomalous += 1 }
        }
        return (measured > 0 ? Double(anomalous) / Double(measured) : 0, anomalous, measured)
    }

    /// True when one symbol's hour counts towards a systemic anomaly: range ratio above
    /// `spreadSystemicMultiple` and |1h return| ≥ `spreadSystemicMinMove`. Non-finite values count
    /// as anomalous (as in `SpreadAnomalyRule`): a broken measurement is not a calm one.
    public static func isSystemicallyAnomalous(_ features: SymbolFeatures, config: RiskConfig) -> Bool {
        let ratio = features.rangeRatio
        let move = features.return1h
        guard ratio.isFinite, move.isFinite else { return true }
        return ratio > config.spreadSystemicMultiple.doubleValue
            && abs(move) >= config.spreadSystemicMinMove.doubleValue
    }

    /// Whether `anomalous` symbols making up `share` of the measured ones are a systemic anomaly.
    public static func isSystemic(share: Double, anomalous: Int, config: RiskConfig) -> Bool {
        anomalous >= config.spreadSystemicMinSymbols && share >= config.spreadSystemicShare.doubleValue
    }
}
