/// Exact arithmetic shared by the rules: ratios for reporting, quantities from notional room, and
/// the PASS / MODIFY / BLOCK choice for a size limit. Quantities always round DOWN to the lot.
enum RuleMath {
    /// `numerator ÷ denominator` as a statistic for reports; 0 when the denominator is not positive.
    static func ratio(_ numerator: FixedDecimal, _ denominator: FixedDecimal) -> Double {
        guard denominator.isPositive else { return 0 }
        return numerator.divided(by: denominator, rounding: .halfEven).doubleValue
    }

    /// The lot decimals of the order's pair (12 when the symbol is unknown: no extra rounding).
    static func lotDecimals(_ order: ProposedOrder, _ context: GovernanceContext) -> Int {
        min(max(context.market(order.symbol)?.lotDecimals ?? FixedDecimal.scaleDigits, 0), FixedDecimal.scaleDigits)
    }

    /// The largest lot-rounded quantity whose notional at `price` stays within `notional`.
    static func quantity(notional: FixedDecimal, price: FixedDecimal, lotDecimals: Int) -> FixedDecimal {
        guard notional.isPositive, price.isPositive else { return .zero }
        return notional.divided(by: price, rounding: .down).rounded(decimals: lotDecimals, .down)
    }

    /// `quantity × factor`, rounded down to the lot.
    static func scaled(_ quantity: FixedDecimal, by factor: FixedDecimal, lotDecimals: Int) -> FixedDecimal {
        quantity.multiplied(by: factor, rounding: .down).rounded(decimals: lotDecimals, .down)
    }

    /// PASS when `allowed` covers the request, BLOCK when nothing is allowed, else MODIFY to `allowed`.
    static func limit(_ order: ProposedOrder, to allowed: FixedDecimal) -> RuleOutcome {
        if allowed >= order.quantityBase { return .pass }
        if !allowed.isPositive { return .block }
        return .modify(quantityBase: allowed)
    }

    /// The outcome of capping the order's notional at `room` (quote currency still available).
    static func limit(_ order: ProposedOrder, notionalRoom room: FixedDecimal, lotDecimals: Int) -> RuleOutcome {
        if order.notionalQuote <= room { return .pass }
        return limit(order, to: quantity(notional: room, price: order.referencePriceQuote, lotDecimals: lotDecimals))
    }

    /// A fraction as a percentage with two decimals (`12.50%`), formatted exactly for reasons.
    static func percent(_ fraction: Double) -> String {
        guard let value = FixedDecimal.fromDouble(fraction * 100, decimals: 2, rounding: .halfEven) else {
            return "n/a"
        }
        return value.formatted(decimals: 2) + "%"
    }

    /// A fixed-point fraction as a percentage (`20%`, `0.5%`).
    static func percent(_ fraction: FixedDecimal) -> String {
        fraction.multiplied(byInteger: 100).description + "%"
    }

    /// A statistic with four decimals, formatted exactly for reasons.
    static func number(_ value: Double) -> String {
        guard let fixed = FixedDecimal.fromDouble(value, decimals: 4, rounding: .halfEven) else { return "n/a" }
        return fixed.formatted(decimals: 4)
    }

    /// Whole hours from `earlier` to `later` (negative when `earlier` is later).
    static func hours(from earlier: UTCTimestamp, to later: UTCTimestamp) -> Int64 {
        UTCTimestamp.floorDiv(later.secondsSinceEpoch - earlier.secondsSinceEpoch, UTCTimestamp.secondsPerHour)
    }

    /// Parses a decimal constant written in code; traps on a typo, which tests catch at once.
    static func constant(_ text: String) -> FixedDecimal {
        do { return try FixedDecimal.parse(text) } catch {
            preconditionFailure("invalid decimal constant \(text): \(error)")
        }
    }
}
