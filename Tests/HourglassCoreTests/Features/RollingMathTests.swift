import Testing

@testable import HourglassCore

/// The fast paths of `RollingMath` give the reference results to the bit.
@Suite("Rolling math")
struct RollingMathTests {
    /// Values with many exact ties (a coarse grid), like real range fractions.
    static func values(count: Int, seed: UInt64, grid: Double) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((state >> 33) % 1000) * grid
        }
    }

    static func referenceMedian(_ values: [Double], _ range: Range<Int>) -> Double {
        let sorted = values[range].sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    @Test func medianBySelectionEqualsTheSortedMedian() {
        for count in [1, 2, 3, 4, 7, 24, 719, 720, 721] {
            for seed in 1...20 as ClosedRange<UInt64> {
                for grid in [1e-4, 3.7e-3, 0.5] {
                    let values = Self.values(count: count, seed: seed, grid: grid)
                    for range in [0..<count, (count / 3)..<count] where !range.isEmpty {
                        #expect(
                            RollingMath.median(values, range).bitPattern
                                == Self.referenceMedian(values, range).bitPattern)
                    }
                }
            }
        }
        let constant = [Double](repeating: 0.25, count: 720)
        #expect(RollingMath.median(constant, 0..<720) == 0.25)
        let special: [Double] = [0, -0.0, 3, .infinity, 1, -0.0, 2, 0]
        #expect(RollingMath.median(special, 0..<8).bitPattern == Self.referenceMedian(special, 0..<8).bitPattern)
    }

    @Test func simdStandardDeviationCountEqualsTheScalarCount() {
        for span in [1, 2, 3, 24, 30] {
            for seed in 1...10 as ClosedRange<UInt64> {
                let values = Self.values(count: 720, seed: seed, grid: 1e-5).map { $0 - 0.005 }
                for ends in [span...720, max(span, 700)...720, span...(span + 5)] {
                    for threshold in [0.0, 1e-4, 2.5e-3, 3e-3, 1] {
                        let reference = ends.filter {
                            RollingMath.standardDeviation(values, ($0 - span)..<$0) <= threshold
                        }.count
                        #expect(
                            RollingMath.countStandardDeviations(values, span: span, ends: ends, atOrBelow: threshold)
                                == reference)
                    }
                    let current = RollingMath.standardDeviation(values, (720 - span)..<720)
                    let reference = ends.filter { RollingMath.standardDeviation(values, ($0 - span)..<$0) <= current }
                        .count
                    #expect(
                        RollingMath.countStandardDeviations(values, span: span, ends: ends, atOrBelow: current)
                            == reference)
                }
            }
        }
    }

    @Test func doubleArraysEncodeAsElementByElement() {
        let values: [Double] = [
            0, -0.0, 1.5, .infinity, -.infinity, .nan, .ulpOfOne, -123456.789, .greatestFiniteMagnitude,
        ]
        var fast = ByteWriter()
        fast.write(doubles: values)
        var slow = ByteWriter()
        slow.write(array: values) { writer, value in
            let bits = value.bitPattern
            for shift in stride(from: 56, through: 0, by: -8) {
                writer.write(byte: UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
            }
        }
        #expect(fast.bytes == slow.bytes)
        var single = ByteWriter()
        single.write(double: -123456.789)
        #expect(single.bytes == Array(slow.bytes[(1 + 7 * 8)..<(1 + 8 * 8)]))
    }
}

/// `FixedDecimal.doubleValue`'s 64-bit path gives the bits of the `Int128` path.
@Suite("FixedDecimal to Double")
struct FixedDecimalDoubleTests {
    static func widePath(_ value: FixedDecimal) -> Double {
        let whole = value.raw / FixedDecimal.scaleFactor
        let fraction = value.raw % FixedDecimal.scaleFactor
        return Double(whole) + Double(fraction) / 1e12
    }

    @Test func sixtyFourBitPathEqualsTheWidePath() {
        var state: UInt64 = 7
        var raws: [Int128] = [
            0, 1, -1, Int128(Int64.max), Int128(Int64.min), 999_999_999_999, -999_999_999_999, 1_000_000_000_000,
        ]
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            raws.append(Int128(Int64(bitPattern: state)) >> Int128(state % 40))
        }
        for raw in raws {
            let value = FixedDecimal(raw: raw)
            #expect(value.doubleValue.bitPattern == Self.widePath(value).bitPattern, "raw \(raw)")
        }
    }
}
