/// Limits new entries per hour and per UTC day.
public struct TradeFrequencyRule: GovernanceRule {
    public let id = "trade_frequency"
    public let scope = RuleScope.entries
    /// New entries allowed per hour.
    public let perHourMax: Int
    /// New entries allowed per UTC day.
    public let perDayMax: Int

    /// Reads the limits from `config`.
    public init(config: RiskConfig) {
        perHourMax = config.entriesPerHourMax
        perDayMax = config.entriesPerDayMax
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        if context.entriesToday >= perDayMax {
            return RuleResult(
                ruleId: id, measured: .integer(Int64(context.entriesToday)), threshold: .integer(Int64(perDayMax)),
                outcome: .block,
                reason: "\(context.entriesToday) entries today already: the limit is \(perDayMax) a day")
        }
        let blocked = context.entriesThisHour >= perHourMax
        return RuleResult(
            ruleId: id, measured: .integer(Int64(context.entriesThisHour)), threshold: .integer(Int64(perHourMax)),
            outcome: blocked ? .block : .pass,
            reason: blocked
                ? "\(context.entriesThisHour) entries this hour already: the limit is \(perHourMax) an hour"
                : "\(context.entriesThisHour) entries this hour and \(context.entriesToday) today, within \(perHourMax)/\(perDayMax)"
        )
    }
}
