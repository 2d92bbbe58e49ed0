/// `total_exposure`: Σ position value ÷ equity after a buy may not exceed the cap; a larger buy is
/// reduced to the room left (lot-rounded), or blocked when that is below the pair's minimum.
public struct TotalExposureRule: GovernanceRule {
    public let id = "total_exposure"
    public let scope = RuleScope.entries
    /// Cap as a fraction of equity.
    public var cap: FixedDecimal

    /// Creates the rule.
    public init(cap: FixedDecimal) { self.cap = cap }

    public func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        ExposureCap.judge(
            order, context: context, ruleId: id, cap: cap, currentValueQuote: context.grossExposureQuote,
            what: "total exposure")
    }
}

/// The arithmetic shared by the exposure caps: value after ÷ equity ≤ cap, else the room left.
enum ExposureCap {
    static func judge(
        _ order: ProposedOrder, context: GovernanceContext, ruleId: String, cap: FixedDecimal,
        currentValueQuote: FixedDecimal, what: String
    ) -> RuleResult {
        let equity = context.equityQuote
        guard equity.isPositive else {
            return RuleResult(
                ruleId: ruleId, measured: .decimal(equity), threshold: .decimal(cap), outcome: .block,
                reason: "equity is not positive")
        }
        let orderValue = order.side == .buy ? order.notionalQuote : .zero
        let after = currentValueQuote + orderValue
        let ratio = after.divided(by: equity, rounding: .halfEven)
        let limit = equity.multiplied(by: cap, rounding: .down)
        if order.side == .sell || after <= limit {
            return RuleResult(
                ruleId: ruleId, measured: .decimal(ratio), threshold: .decimal(cap), outcome: .pass,
                reason: "\(what) after the order is \(ratio.formatted(decimals: 4)) of equity, cap \(cap)")
        }
        let lotDecimals = context.market(order.symbol)?.lotDecimals ?? 0
        let minimum = context.market(order.symbol)?.minOrderBase ?? .zero
        let room = limit - currentValueQuote
        let quantity =
            room.isPositive
            ? room.divided(by: order.referencePriceQuote, rounding: .down).rounded(decimals: lotDecimals, .down) : .zero
        if !quantity.isPositive || quantity < minimum {
            return RuleResult(
                ruleId: ruleId, measured: .decimal(ratio), threshold: .decimal(cap), outcome: .block,
                reason:
                    "\(what) would be \(ratio.formatted(decimals: 4)) of equity, cap \(cap); the room left buys less than the minimum order"
            )
        }
        return RuleResult(
            ruleId: ruleId, measured: .decimal(ratio), threshold: .decimal(cap),
            outcome: .modify(quantityBase: quantity),
            reason: "\(what) would be \(ratio.formatted(decimals: 4)) of equity, cap \(cap); reduced to \(quantity)")
    }
}
