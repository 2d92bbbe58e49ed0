/// Blocks entries in a symbol whose high−low range is more than k times its 30-day median.
///
/// A systemic anomaly (many symbols at once) trips the kill switch through `KillSwitchTrigger`.
public struct SpreadAnomalyRule: GovernanceRule {
    public let id = "spread_anomaly"
    public let scope = RuleScope.entries
    /// The multiple k of the median range above which the range is anomalous.
    public let multiple: FixedDecimal

    /// Reads k from `config`.
    public init(config: RiskConfig) { multiple = config.spreadAnomalyMultiple }

    /// True when `ratio` (range ÷ median range) is anomalous; non-finite ratios count as anomalous.
    public static func isAnomalous(_ ratio: Double, multiple: FixedDecimal) -> Bool {
        !ratio.isFinite || ratio > multiple.doubleValue
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        if let ratio = context.market(order.symbol)?.tickerSpreadRatio {
            let blocked = Self.isAnomalous(ratio, multiple: multiple)
            let words = "bid/ask spread is \(RuleMath.number(ratio)) × the 30-day median hourly range"
            return RuleResult(
                ruleId: id, measured: .number(ratio), threshold: .decimal(multiple), outcome: blocked ? .block : .pass,
                reason: blocked ? "\(words), above \(multiple)" : "\(words), within \(multiple)")
        }
        guard let ratio = context.market(order.symbol)?.features?.rangeRatio else {
            return RuleResult(
                ruleId: id, measured: .none, threshold: .decimal(multiple), outcome: .pass,
                reason: "no range history yet (signal_quality judges missing history)")
        }
        let blocked = Self.isAnomalous(ratio, multiple: multiple)
        return RuleResult(
            ruleId: id, measured: .number(ratio), threshold: .decimal(multiple), outcome: blocked ? .block : .pass,
            reason: blocked
                ? "range is \(RuleMath.number(ratio)) × its 30-day median, above \(multiple)"
                : "range is \(RuleMath.number(ratio)) × its 30-day median, within \(multiple)")
    }
}
