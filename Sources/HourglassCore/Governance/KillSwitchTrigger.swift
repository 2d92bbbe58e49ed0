/// Decides, once per hour, whether the kill switch must trip: the state change rules cannot make.
///
/// Pure: the reducer calls `evaluate` after marking to market and before judging orders, records
/// a trip event for each finding when the switch is not already tripped, and sets
/// `GovernanceContext.killSwitchTripped` for the rules.
public enum KillSwitchTrigger {
    /// Every reason the kill switch must trip now, in a fixed order (empty when none).
    public static func evaluate(context: GovernanceContext, config: RiskConfig) -> [KillSwitchTrip] {
        var trips: [KillSwitchTrip] = []
        if DrawdownTiersRule.reached(config.drawdownHalt, context) {
            let drawdown = context.drawdownFraction
            trips.append(KillSwitchTrip(reason: "drawdown_halt", measured: .number(drawdown), threshold: .decimal(config.drawdownHalt),
                                        detail: "drawdown \(RuleMath.percent(drawdown)) from peak reached the \(RuleMath.percent(config.drawdownHalt)) halt"))
        }
        let anomaly = anomalyShare(context: context, config: config)
        if anomaly.anomalous > 0, anomaly.share >= config.spreadSystemicShare.doubleValue {
            trips.append(KillSwitchTrip(reason: "spread_anomaly_systemic", measured: .number(anomaly.share),
                                        threshold: .decimal(config.spreadSystemicShare),
                                        detail: "\(anomaly.anomalous) of \(anomaly.measured) symbols show a range above \(config.spreadAnomalyMultiple) × median"))
        }
        let missing = context.missingBarShare
        if !missing.isFinite || missing > config.missingBarsKillShare.doubleValue {
            trips.append(KillSwitchTrip(reason: "data_integrity_systemic", measured: .number(missing), threshold: .decimal(config.missingBarsKillShare),
                                        detail: "\(RuleMath.percent(missing)) of symbols have a missing or invalid bar"))
        }
        return trips
    }

    /// Share of symbols with range features whose range ratio is anomalous.
    public static func anomalyShare(context: GovernanceContext, config: RiskConfig) -> (share: Double, anomalous: Int, measured: Int) {
        var measured = 0, anomalous = 0
        for market in context.markets where market.barValid {
            guard let ratio = market.features?.rangeRatio else { continue }
            measured += 1
            if SpreadAnomalyRule.isAnomalous(ratio, multiple: config.spreadAnomalyMultiple) { anomalous += 1 }
        }
        return (measured > 0 ? Double(anomalous) / Double(measured) : 0, anomalous, measured)
    }
}
