/// Caps the value of a cluster of correlated assets at `correlationClusterCap` of equity.
///
/// Symbols whose 30-day return correlation is above the threshold are linked; a cluster is a
/// connected group of linked symbols (transitively), which is stricter than direct neighbours.
public struct CorrelationClusterCapRule: GovernanceRule {
    public let id = "correlation_cluster_cap"
    public let scope = RuleScope.entries
    /// Correlation above which two symbols are linked.
    public let threshold: FixedDecimal
    /// Highest cluster value ÷ equity allowed after the order.
    public let cap: FixedDecimal

    /// Reads the threshold and cap from `config`.
    public init(config: RiskConfig) {
        threshold = config.correlationClusterThreshold
        cap = config.correlationClusterCap
    }

    /// The symbols in `symbol`'s cluster (itself included), sorted.
    public func cluster(of symbol: String, in context: GovernanceContext) -> [String] {
        let limit = threshold.doubleValue
        let links = context.correlations.filter { $0.correlation > limit }
        var members = [symbol]
        var frontier = [symbol]
        while let current = frontier.popLast() {
            for link in links where link.symbolA == current || link.symbolB == current {
                let other = link.symbolA == current ? link.symbolB : link.symbolA
                if !members.contains(other) {
                    members.append(other)
                    frontier.append(other)
                }
            }
        }
        return members.sorted()
    }

    /// Judges one order.
    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let equity = context.equityQuote
        let members = cluster(of: order.symbol, in: context)
        let held = context.positions.filter { members.contains($0.symbol) }.reduce(FixedDecimal.zero) {
            $0 + $1.valueQuote
        }
        let after = held + order.notionalQuote
        let measured = RuleValue.number(RuleMath.ratio(after, equity))
        let names = members.joined(separator: ",")
        guard equity.isPositive else {
            return RuleResult(
                ruleId: id, measured: measured, threshold: .decimal(cap), outcome: .block,
                reason: "equity \(equity) is not positive: no exposure is allowed")
        }
        let room = equity.multiplied(by: cap, rounding: .down) - held
        let outcome = RuleMath.limit(order, notionalRoom: room, lotDecimals: RuleMath.lotDecimals(order, context))
        let reason: String
        switch outcome {
        case .pass:
            reason =
                "cluster [\(names)] would hold \(RuleMath.percent(RuleMath.ratio(after, equity))) of equity, within \(RuleMath.percent(cap))"
        case .modify:
            reason = "cluster [\(names)] cut to the \(room) quote left under \(RuleMath.percent(cap)) of equity"
        case .block:
            reason =
                "cluster [\(names)] already holds \(RuleMath.percent(RuleMath.ratio(held, equity))) of equity, cap \(RuleMath.percent(cap))"
        }
        return RuleResult(ruleId: id, measured: measured, threshold: .decimal(cap), outcome: outcome, reason: reason)
    }
}
