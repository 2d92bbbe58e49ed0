import HourglassCore

/// A `FixedDecimal` split into PostgreSQL numeric's base-10000 digit groups.
public struct FixedDecimalDigits {
    /// True for values below zero.
    public let negative: Bool
    /// Weight of the first digit group (10000^weight).
    public let weight: Int16
    /// Number of decimal digits after the point to display.
    public let displayScale: Int
    /// Digit groups, most significant first, with leading and trailing zero groups removed.
    public let base10000Digits: [UInt16]

    /// Splits `value`, keeping the decimals it actually uses.
    public init(_ value: FixedDecimal) {
        negative = value.isNegative
        displayScale = value.significantDecimals
        // Scale to 16 fractional digits (a multiple of 4) so groups align with the point.
        var magnitude = value.raw.magnitude * 10_000
        var groups: [UInt16] = []
        while magnitude > 0 {
            groups.append(UInt16(magnitude % 10_000))
            magnitude /= 10_000
        }
        // groups[0] is the 4th fractional group (10000^-4).
        var firstIndex = 0
        while firstIndex < groups.count && groups[firstIndex] == 0 { firstIndex += 1 }
        if firstIndex == groups.count {
            weight = 0
            base10000Digits = []
            return
        }
        let trimmed = Array(groups[firstIndex...].reversed())
        weight = Int16(groups.count - 1 - 4)
        base10000Digits = trimmed
    }
}
