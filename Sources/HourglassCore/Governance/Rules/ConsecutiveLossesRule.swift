/// Blocks entries for a cooling-off period after a streak of losing trades.
public struct ConsecutiveLossesRule: GovernanceRule {
    public let id = "consecutive_losses"
    public let scope = RuleScope.entries
    /// Losing trades in a row that start the block.
    public let maxLosses: Int
    /// Hours after the streak's last loss during which entries stay blocked.
    public let blockHours: Int

    /// Reads the streak length and block period from `config`.
    public init(config: RiskConfig) {
        maxLosses = config.consecutiveLossesMax
        blockHours = config.consecutiveLossesBlockHours
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let streak = TradeStatistics.losingStreak(context.closedTrades)
        let measured = RuleValue.integer(Int64(streak.count))
        guard streak.count >= maxLosses, let lastExit = streak.lastExitTs else {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .integer(Int64(maxLosses)), outcome: .pass,
                reason: "\(streak.count) losing trade(s) in a row, below \(maxLosses)")
        }
        let until = lastExit.adding(hours: Int64(blockHours))
        guard context.hourTs < until else {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .integer(Int64(maxLosses)), outcome: .pass,
                reason: "\(streak.count) losses in a row, but the \(blockHours)h block ended at \(until)")
        }
        return RuleResult(
            ruleId: id, measured: measured, threshold: .integer(Int64(maxLosses)), outcome: .block,
            reason: "\(streak.count) losing trades in a row: no entries until \(until)")
    }
}
