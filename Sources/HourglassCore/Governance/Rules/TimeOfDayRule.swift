/// Blocks entries in the configured UTC hours of the day.
public struct TimeOfDayRule: GovernanceRule {
    public let id = "time_of_day"
    public let scope = RuleScope.entries
    /// Blocked hours 0...23, sorted.
    public let blockedHoursUTC: [Int]

    /// Reads the blocked hours from `config`.
    public init(config: RiskConfig) { blockedHoursUTC = config.blockedHoursUTC.sorted() }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let hour = context.hourTs.hourOfDay
        let listed = blockedHoursUTC.isEmpty ? "none" : blockedHoursUTC.map(String.init).joined(separator: ",")
        let blocked = blockedHoursUTC.contains(hour)
        return RuleResult(
            ruleId: id, measured: .integer(Int64(hour)), threshold: .text(listed), outcome: blocked ? .block : .pass,
            reason: blocked
                ? "\(hour):00 UTC is a blocked hour (\(listed))" : "\(hour):00 UTC is not a blocked hour (\(listed))")
    }
}
