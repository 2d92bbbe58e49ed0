extension EngineConfig {
    /// Quantity × price rounded to the quote currency's unit with `rule` (`.up` for what we pay,
    /// `.down` for what we receive).
    public func notionalQuote(quantityBase: FixedDecimal, priceQuote: FixedDecimal, rounding rule: RoundingRule) -> FixedDecimal {
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
    public func affordableQuantity(cashQuote: FixedDecimal, priceQuote: FixedDecimal, lotDecimals: Int) -> FixedDecimal {
        guard cashQuote.isPositive, priceQuote.isPositive else { return .zero }
        let grossPrice = priceQuote.multiplied(by: .one + feeRate, rounding: .up)
        var quantity = cashQuote.divided(by: grossPrice, rounding: .down).rounded(decimals: lotDecimals, .down)
        let lot = FixedDecimal(raw: FixedDecimal.pow10(FixedDecimal.scaleDigits - lotDecimals))
        // Rounding notional and fee up can exceed the estimate by a unit or two: step down a lot at a time.
        var steps = 0
        while quantity.isPositive && buyCostQuote(quantityBase: quantity, priceQuote: priceQuote) > cashQuote {
            quantity -= lot
            steps += 1
            precondition(steps < 1000, "affordableQuantity did not converge")
        }
        return max(quantity, .zero)
    }
}
