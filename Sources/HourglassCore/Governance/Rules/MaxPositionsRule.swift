/// `max_positions`: a buy that opens a new position may not take the count of open positions
/// above the limit. Adding to a held symbol does not change the count.
public struct MaxPositionsRule: GovernanceRule {
    public let id = "max_positions"
    public let scope = RuleScope.entries
    /// The most open positions allowed.
    public var maxOpenPositions: Int

    /// Creates the rule.
    public init(maxOpenPositions: Int) { self.maxOpenPositions = maxOpenPositions }

    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        let open = context.positions.filter { $0.quantityBase.isPositive }.count
        let opens = order.side == .buy && !(context.position(order.symbol)?.quantityBase.isPositive ?? false)
        let after = open + (opens ? 1 : 0)
        let threshold = RuleValue.integer(Int64(maxOpenPositions))
        if after <= maxOpenPositions || !opens {
            return RuleResult(
                ruleId: id, measured: .integer(Int64(after)), threshold: threshold, outcome: .pass,
                reason: "\(after) open position(s) after the order, limit \(maxOpenPositions)")
        }
        return RuleResult(
            ruleId: id, measured: .integer(Int64(after)), threshold: threshold, outcome: .block,
            reason: "a new position would make \(after) open, above the limit of \(maxOpenPositions)")
    }
}
