/// Blocks buying a symbol within `whipsawReentryHours` of exiting it or `whipsawStopOutHours` of a stop-out.
public struct WhipsawProtectionRule: GovernanceRule {
    public let id = "whipsaw_protection"
    public let scope = RuleScope.entries
    /// Hours after an exit before the symbol may be bought again.
    public let reentryHours: Int
    /// Hours after a stop-out before the symbol may be bought again.
    public let stopOutHours: Int

    /// Reads the windows from `config`.
    public init(config: RiskConfig) {
        reentryHours = config.whipsawReentryHours
        stopOutHours = config.whipsawStopOutHours
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let market = context.market(order.symbol)
        if let stopOut = market?.lastStopOutTs {
            let since = RuleMath.hours(from: stopOut, to: context.hourTs)
            if since < Int64(stopOutHours) {
                return RuleResult(
                    ruleId: id, measured: .integer(since), threshold: .integer(Int64(stopOutHours)), outcome: .block,
                    reason: "stopped out of \(order.symbol) \(since)h ago: no buy within \(stopOutHours)h")
            }
        }
        guard let exit = market?.lastExitTs else {
            return RuleResult(
                ruleId: id, measured: .none, threshold: .integer(Int64(reentryHours)), outcome: .pass,
                reason: "no earlier exit from \(order.symbol)")
        }
        let since = RuleMath.hours(from: exit, to: context.hourTs)
        let blocked = since < Int64(reentryHours)
        return RuleResult(
            ruleId: id, measured: .integer(since), threshold: .integer(Int64(reentryHours)),
            outcome: blocked ? .block : .pass,
            reason: blocked
                ? "exited \(order.symbol) \(since)h ago: no re-entry within \(reentryHours)h"
                : "last exit from \(order.symbol) was \(since)h ago, at least \(reentryHours)h")
    }
}
