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

    /// Most digit groups a `FixedDecimal` needs: 39 decimal digits of `Int128` at scale 16.
    static let groupCountMax = 12

    /// Splits `value`, keeping the decimals it actually uses.
    public init(_ value: FixedDecimal) {
        var digits: [UInt16] = []
        (negative, weight, displayScale) = Self.withGroups(of: value) { negative, weight, displayScale, groups in
            digits = Array(groups)
            return (negative, weight, displayScale)
        }
        base10000Digits = digits
    }

    /// Calls `body` with the sign, weight, display scale and digit groups of `value` (most
    /// significant first, leading and trailing zero groups removed), from a stack buffer: the
    /// COPY writer's path, which runs five times per bar and must not allocate.
    @inline(__always)
    static func withGroups<R>(
        of value: FixedDecimal,
        _ body: (Bool, Int16, Int, UnsafeBufferPointer<UInt16>) -> R
    ) -> R {
        let magnitude = value.raw.magnitude
        // Values below 2^64 / 10^12 ≈ 18 million units (every price and most volumes) take the
        // 64-bit path; 128-bit division is a library call and dominated the profile.
        if magnitude <= UInt128(UInt64.max) {
            return withGroups64(negative: value.isNegative, magnitude: UInt64(truncatingIfNeeded: magnitude), body)
        }
        return withGroups128(
            negative: value.isNegative, magnitude: magnitude, displayScale: value.significantDecimals, body)
    }

    /// The 64-bit path: `magnitude` is the raw value (scale 10^12).
    @inline(__always)
    static func withGroups64<R>(
        negative: Bool, magnitude: UInt64,
        _ body: (Bool, Int16, Int, UnsafeBufferPointer<UInt16>) -> R
    ) -> R {
        let scale: UInt64 = 1_000_000_000_000
        var whole = magnitude / scale
        let fraction = magnitude % scale
        // Display scale: the fractional digits actually used (FixedDecimal.significantDecimals).
        var displayScale = 0
        if fraction != 0 {
            var rest = fraction
            var trailingZeros = 0
            while rest % 10 == 0 {
                rest /= 10
                trailingZeros += 1
            }
            displayScale = FixedDecimal.scaleDigits - trailingZeros
        }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: groupCountMax) { buffer in
            // Groups are produced least significant first into the top of the buffer, then read forwards.
            var end = groupCountMax
            var start = end
            // Four fractional groups: the fraction at scale 10^16.
            var scaledFraction = fraction * 10_000
            for _ in 0..<4 {
                start -= 1
                buffer[start] = UInt16(truncatingIfNeeded: scaledFraction % 10_000)
                scaledFraction /= 10_000
            }
            while whole > 0 {
                start -= 1
                buffer[start] = UInt16(truncatingIfNeeded: whole % 10_000)
                whole /= 10_000
            }
            return finish(
                negative: negative, buffer: buffer, start: &start, end: &end, displayScale: displayScale, body)
        }
    }

    /// The general path for magnitudes of 2^64 and more.
    static func withGroups128<R>(
        negative: Bool, magnitude: UInt128, displayScale: Int,
        _ body: (Bool, Int16, Int, UnsafeBufferPointer<UInt16>) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: groupCountMax + 1) { buffer in
            let scale: UInt128 = 1_000_000_000_000
            var whole = magnitude / scale
            var scaledFraction = UInt64(truncatingIfNeeded: magnitude % scale) * 10_000
            var end = groupCountMax + 1
            var start = end
            for _ in 0..<4 {
                start -= 1
                buffer[start] = UInt16(truncatingIfNeeded: scaledFraction % 10_000)
                scaledFraction /= 10_000
            }
            while whole > 0 {
                start -= 1
                buffer[start] = UInt16(truncatingIfNeeded: whole % 10_000)
                whole /= 10_000
            }
            return finish(
                negative: negative, buffer: buffer, start: &start, end: &end, displayScale: displayScale, body)
        }
    }

    /// Trims zero groups at both ends and computes the weight: the group just before the point
    /// is group `end - 5` (four fractional groups follow it), whose weight is 0.
    @inline(__always)
    private static func finish<R>(
        negative: Bool, buffer: UnsafeMutableBufferPointer<UInt16>, start: inout Int, end: inout Int,
        displayScale: Int, _ body: (Bool, Int16, Int, UnsafeBufferPointer<UInt16>) -> R
    ) -> R {
        let pointIndex = end - 5
        while end > start && buffer[end - 1] == 0 { end -= 1 }
        while start < end && buffer[start] == 0 { start += 1 }
        if start == end {
            return body(negative, 0, displayScale, UnsafeBufferPointer(start: buffer.baseAddress, count: 0))
        }
        let weight = Int16(pointIndex - start)
        return body(negative, weight, displayScale, UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }
}
