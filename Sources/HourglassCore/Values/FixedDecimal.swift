/// An exact fixed-point decimal with twelve fractional digits, used for every amount in the ledger.
///
/// The value is `raw / 10^12` held in an `Int128`, so prices, quantities, cash and fees are exact:
/// there is no binary rounding anywhere in money. Arithmetic that can lose digits (multiplication,
/// division, rounding to fewer decimals) takes an explicit `RoundingRule`. Overflow traps: a ledger
/// that silently wraps is worse than one that stops.
public struct FixedDecimal: Sendable, Hashable, Comparable {
    /// Number of fractional decimal digits carried by every value.
    public static let scaleDigits = 12
    /// `10^scaleDigits`, the raw value of 1.
    public static let scaleFactor: Int128 = 1_000_000_000_000
    /// Largest number of integer digits accepted by the parser (keeps products inside `Int128`).
    public static let integerDigitsMax = 20

    /// The scaled integer: the value times 10^12.
    public let raw: Int128

    /// Creates a value from its scaled integer (value × 10^12).
    public init(raw: Int128) { self.raw = raw }

    /// Creates a whole-number value.
    public init(_ integer: Int64) { self.raw = Int128(integer) * Self.scaleFactor }

    /// Zero.
    public static let zero = FixedDecimal(raw: 0)
    /// One.
    public static let one = FixedDecimal(raw: scaleFactor)

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.raw < rhs.raw }
    public static func + (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal { FixedDecimal(raw: lhs.raw + rhs.raw) }
    public static func - (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal { FixedDecimal(raw: lhs.raw - rhs.raw) }
    public static prefix func - (value: FixedDecimal) -> FixedDecimal { FixedDecimal(raw: -value.raw) }
    public static func += (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs = lhs + rhs }
    public static func -= (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs = lhs - rhs }

    /// True when the value is below zero.
    public var isNegative: Bool { raw < 0 }
    /// True when the value is exactly zero.
    public var isZero: Bool { raw == 0 }
    /// True when the value is above zero.
    public var isPositive: Bool { raw > 0 }
    /// The absolute value.
    public var magnitude: FixedDecimal { FixedDecimal(raw: raw < 0 ? -raw : raw) }

    /// Multiplies exactly, then rounds the product back to twelve decimals with `rule`.
    public func multiplied(by other: FixedDecimal, rounding rule: RoundingRule) -> FixedDecimal {
        let product = raw.multipliedFullWidth(by: other.raw)
        return FixedDecimal(
            raw: Self.divideWide(high: product.high, low: product.low, by: Self.scaleFactor, rule: rule))
    }

    /// Divides, rounding the quotient to twelve decimals with `rule`. Division by zero traps.
    public func divided(by other: FixedDecimal, rounding rule: RoundingRule) -> FixedDecimal {
        precondition(other.raw != 0, "FixedDecimal division by zero")
        let numerator = raw.multipliedFullWidth(by: Self.scaleFactor)
        return FixedDecimal(raw: Self.divideWide(high: numerator.high, low: numerator.low, by: other.raw, rule: rule))
    }

    /// Multiplies by a whole number exactly.
    public func multiplied(byInteger factor: Int64) -> FixedDecimal { FixedDecimal(raw: raw * Int128(factor)) }

    /// Rounds to `decimals` fractional digits (0...12) with `rule`.
    public func rounded(decimals: Int, _ rule: RoundingRule) -> FixedDecimal {
        precondition(decimals >= 0 && decimals <= Self.scaleDigits, "decimals must be 0...12")
        if decimals == Self.scaleDigits { return self }
        let unit = Self.pow10(Self.scaleDigits - decimals)
        return FixedDecimal(raw: Self.divideRounded(raw, by: unit, rule: rule) * unit)
    }

    /// The number of fractional digits actually used (0 for whole numbers).
    public var significantDecimals: Int {
        if raw == 0 { return 0 }
        var value = raw
        var trailing = 0
        while trailing < Self.scaleDigits && value % 10 == 0 {
            value /= 10
            trailing += 1
        }
        return Self.scaleDigits - trailing
    }

    /// The nearest `Double`, for features and statistics only (never for the ledger).
    public var doubleValue: Double {
        // Integer → Double conversion rounds the exact value the same way from any integer type,
        // so the 64-bit path (every price and volume) gives the same bits without Int128 division.
        if let small = Int64(exactly: raw) {
            let whole = small / 1_000_000_000_000
            let fraction = small % 1_000_000_000_000
            return Double(whole) + Double(fraction) / 1e12
        }
        let whole = raw / Self.scaleFactor
        let fraction = raw % Self.scaleFactor
        return Double(whole) + Double(fraction) / 1e12
    }

    /// Converts a `Double` into the ledger explicitly: truncated to `decimals` digits with `rule`.
    /// Returns nil for NaN, infinities and values outside the representable range.
    public static func fromDouble(_ value: Double, decimals: Int, rounding rule: RoundingRule) -> FixedDecimal? {
        precondition(decimals >= 0 && decimals <= scaleDigits)
        guard value.isFinite, abs(value) < 1e20 else { return nil }
        let scaled = value * Double(pow10(decimals))
        let integral: Double
        switch rule {
        case .down: integral = scaled.rounded(.towardZero)
        case .up: integral = scaled.rounded(.awayFromZero)
        case .halfEven: integral = scaled.rounded(.toNearestOrEven)
        case .floor: integral = scaled.rounded(.down)
        case .ceiling: integral = scaled.rounded(.up)
        }
        guard abs(integral) < 9.0e18 else { return nil }
        return FixedDecimal(raw: Int128(Int64(integral)) * pow10(scaleDigits - decimals))
    }

    /// 10^n as an `Int128` for 0 ≤ n ≤ 36.
    public static func pow10(_ exponent: Int) -> Int128 {
        precondition(exponent >= 0 && exponent <= 36)
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    static func divideRounded(_ numerator: Int128, by denominator: Int128, rule: RoundingRule) -> Int128 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        return quotient + adjustment(quotient: quotient, remainder: remainder, denominator: denominator, rule: rule)
    }

    static func divideWide(high: Int128, low: UInt128, by denominator: Int128, rule: RoundingRule) -> Int128 {
        // Bring the divisor to a positive value so the rounding logic sees one sign convention.
        var dividendHigh = high
        var dividendLow = low
        var divisor = denominator
        if divisor < 0 {
            divisor = -divisor
            // Negate the 256-bit dividend (two's complement).
            dividendLow = ~dividendLow &+ 1
            dividendHigh = ~dividendHigh &+ (dividendLow == 0 ? 1 : 0)
        }
        let (quotient, remainder) = divisor.dividingFullWidth((high: dividendHigh, low: dividendLow))
        return quotient + adjustment(quotient: quotient, remainder: remainder, denominator: divisor, rule: rule)
    }

    private static func adjustment(quotient: Int128, remainder: Int128, denominator: Int128, rule: RoundingRule)
        -> Int128
    {
        if remainder == 0 { return 0 }
        // Truncation moved toward zero; the true value lies on the side of the remainder's sign
        // relative to the divisor's sign.
        let positive = (remainder > 0) == (denominator > 0)
        switch rule {
        case .down: return 0
        case .up: return positive ? 1 : -1
        case .floor: return positive ? 0 : -1
        case .ceiling: return positive ? 1 : 0
        case .halfEven:
            let twice = remainder.magnitude * 2
            let divisorMagnitude = denominator.magnitude
            if twice < divisorMagnitude { return 0 }
            if twice > divisorMagnitude || quotient % 2 != 0 { return positive ? 1 : -1 }
            return 0
        }
    }
}

extension FixedDecimal: CustomStringConvertible {
    /// Canonical text: no exponent, no trailing zeros, no `+`, `-0` never appears (e.g. `122`, `0.1`).
    public var description: String {
        let negative = raw < 0
        let magnitude = raw.magnitude
        let whole = magnitude / UInt128(Self.scaleFactor)
        var fraction = magnitude % UInt128(Self.scaleFactor)
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var digits = Self.scaleDigits
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// Text with exactly `decimals` fractional digits (rounded half-even), for reports.
    public func formatted(decimals: Int) -> String {
        let value = rounded(decimals: decimals, .halfEven)
        let negative = value.raw < 0
        let magnitude = value.raw.magnitude
        let whole = magnitude / UInt128(Self.scaleFactor)
        let fraction = (magnitude % UInt128(Self.scaleFactor)) / UInt128(Self.pow10(Self.scaleDigits - decimals))
        var text = negative ? "-" : ""
        text += String(whole)
        if decimals > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: decimals - fractionText.count) + fractionText
        }
        return text
    }
}
