extension EngineConfig {
    /// Quantity × price rounded to the quote currency's unit with `rule` (`.up` for what we pay,
    /// `.down` for what we receive).
    public func notionalQuote(quantityBase: FixedDecimal, priceQuote: FixedDecimal, rounding rule: RoundingRule)
        -> FixedDecimal
    {
        quantityBase.multiplied(by: priceQuote, rounding: rule).rounded(decimals: quoteDecimals, rule)
    }

    /// Fee on a notional: notional × fee rate, rounded **up** to the quote currency's unit.
    public func feeQuote(notionalQuote: FixedDecimal) -> FixedDecimal {
        notionalQuote.multiplied(by: feeRate, rounding: .up).rounded(decimals: quoteDecimals, .up)
    }

    /// What a buy of `quantityBase` at `priceQuote` costs in cash: notional (rounded up) + fee (rounded up).
    public func buyCostQuote(quantityBase: FixedDecimal, priceQuote: FixedDecimal) -> FixedDecimal {
        let notional = notionalQuote(quantityBase: quantityBase, priceQuote: priceQuote, rounding: .up)
        return notional + feeQuote(notionalQuote: notional)
    }

    /// The largest lot-rounded quantity whose buy cost at `priceQuote` fits in `cashQuote`.
    public func affordableQuantity(cashQuote: FixedDecimal, priceQuote: FixedDecimal, lotDecimals: Int) -> FixedDecimal
    {
        guard cashQuote.isPositive, priceQuote.isPositive else { return .zero }
        let lotRaw = FixedDecimal.pow10(FixedDecimal.scaleDigits - lotDecimals)
        let grossPrice = priceQuote.multiplied(by: .one + feeRate, rounding: .down)
        // Upper bound from the unrounded cost; rounding notional and fee up to the quote unit can
        // push the cost above cash for many lots (cheap pairs), so binary-search the lot count.
        var high = cashQuote.divided(by: grossPrice, rounding: .down).raw / lotRaw + 1
        var low: Int128 = 0
        func fits(_ lots: Int128) -> Bool {
            buyCostQuote(quantityBase: FixedDecimal(raw: lots * lotRaw), priceQuote: priceQuote) <= cashQuote
        }
        while low < high {
            let middle = low + (high - low + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        return FixedDecimal(raw: low * lotRaw)
    }
}
