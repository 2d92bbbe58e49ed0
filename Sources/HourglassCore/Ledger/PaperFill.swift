/// Simulated fills for BACKTEST and PAPER: an order decided at H fills at H+1's open, moved
/// against us by the slippage model; quantities round down to the lot, notionals round against
/// us to the quote unit, fees round up. Cash never goes negative and a sell never exceeds the holding.
public enum PaperFill {
    /// A computed fill.
    public struct Fill: Sendable, Hashable {
        public var quantityBase: FixedDecimal
        public var slippageFraction: FixedDecimal
        public var fillPriceQuote: FixedDecimal
        public var notionalQuote: FixedDecimal
        public var feeQuote: FixedDecimal
        /// Why the quantity is below the order's (empty when it is not).
        public var note: String
    }

    /// A fill, or why there is none.
    public enum Outcome: Sendable, Hashable {
        case filled(Fill)
        case cancelled(reason: String)
    }

    /// Fills a buy at `openPriceQuote` with the cash available, reducing it to what cash allows.
    public static func buy(
        _ order: PendingOrder, openPriceQuote: FixedDecimal, cashQuote: FixedDecimal, config: EngineConfig
    ) -> Outcome {
        precondition(order.side == .buy)
        let pair = config.pair(order.symbol)
        let slippage = config.slippage.fraction(atrFraction: order.atrFraction)
        let price = openPriceQuote.multiplied(by: .one + slippage, rounding: .up)
        var quantity = pair.roundDownToLot(order.quantityBase)
        var note = ""
        if config.buyCostQuote(quantityBase: quantity, priceQuote: price) > cashQuote {
            quantity = config.affordableQuantity(cashQuote: cashQuote, priceQuote: price, lotDecimals: pair.lotDecimals)
            note = "reduced_to_available_cash"
        }
        guard quantity.isPositive, quantity >= pair.minOrderBase else { return .cancelled(reason: "insufficient_cash") }
        let notional = config.notionalQuote(quantityBase: quantity, priceQuote: price, rounding: .up)
        let fee = config.feeQuote(notionalQuote: notional)
        precondition(notional + fee <= cashQuote, "a buy fill would make cash negative")
        return .filled(
            Fill(
                quantityBase: quantity, slippageFraction: slippage, fillPriceQuote: price, notionalQuote: notional,
                feeQuote: fee, note: note))
    }

    /// Fills a sell at `openPriceQuote`, never more than `heldQuantityBase`.
    public static func sell(
        _ order: PendingOrder, openPriceQuote: FixedDecimal, heldQuantityBase: FixedDecimal, config: EngineConfig
    ) -> Outcome {
        precondition(order.side == .sell)
        guard heldQuantityBase.isPositive else { return .cancelled(reason: "nothing_held") }
        let slippage = config.slippage.fraction(atrFraction: order.atrFraction)
        let price = openPriceQuote.multiplied(by: .one - slippage, rounding: .down)
        let quantity = min(order.quantityBase, heldQuantityBase)
        let notional = config.notionalQuote(quantityBase: quantity, priceQuote: price, rounding: .down)
        let fee = config.feeQuote(notionalQuote: notional)
        precondition(fee <= notional, "a sell fee above its notional")
        return .filled(
            Fill(
                quantityBase: quantity, slippageFraction: slippage, fillPriceQuote: price, notionalQuote: notional,
                feeQuote: fee,
                note: quantity < order.quantityBase ? "reduced_to_holding" : ""))
    }
}
