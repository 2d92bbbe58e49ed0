/// Small statistics over `Double` arrays, each summed in index order so results are bit-reproducible.
enum RollingMath {
    /// Arithmetic mean of `values[range]`.
    static func mean(_ values: [Double], _ range: Range<Int>) -> Double {
        precondition(!range.isEmpty)
        var sum = 0.0
        for index in range { sum += values[index] }
        return sum / Double(range.count)
    }

    /// Sample standard deviation of `values[range]` (n − 1), 0 for fewer than two values.
    static func standardDeviation(_ values: [Double], _ range: Range<Int>) -> Double {
        guard range.count >= 2 else { return 0 }
        let average = mean(values, range)
        var sum = 0.0
        for index in range {
            let deviation = values[index] - average
            sum += deviation * deviation
        }
        return (sum / Double(range.count - 1)).squareRoot()
    }

    /// Median of `values[range]` (mean of the two middle values for an even count).
    ///
    /// Found by selection (O(n)) rather than by sorting, hourly over 720 values per symbol. Equal
    /// non-zero, non-NaN doubles have equal bits, so the middle values are the same bits a sort
    /// would put there; with a NaN or a −0.0 (whose place a sort decides by input order) the
    /// values are sorted as before.
    static func median(_ values: [Double], _ range: Range<Int>) -> Double {
        precondition(!range.isEmpty)
        var buffer = Array(values[range])
        let middle = buffer.count / 2
        let ordinary = buffer.allSatisfy { !$0.isNaN && !($0 == 0 && $0.sign == .minus) }
        guard ordinary else {
            let sorted = buffer.sorted()
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        return buffer.withUnsafeMutableBufferPointer { slots in
            select(slots, middle)
            guard slots.count % 2 == 0 else { return slots[middle] }
            var lowerMiddle = slots[0]
            for index in 1..<middle where slots[index] > lowerMiddle { lowerMiddle = slots[index] }
            return (lowerMiddle + slots[middle]) / 2
        }
    }

    /// Reorders `slots` so that `slots[k]` is the k-th smallest value, every value before it is
    /// ≤ it and every value after it is ≥ it (Hoare partitioning around a median-of-three pivot;
    /// no randomness). The values must not be NaN.
    static func select(_ slots: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        precondition(slots.indices.contains(k))
        var low = 0
        var high = slots.count - 1
        while high > low {
            let a = slots[low]
            let b = slots[low + (high - low) / 2]
            let c = slots[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low
            var j = high
            while i <= j {
                while slots[i] < pivot { i += 1 }
                while slots[j] > pivot { j -= 1 }
                if i <= j {
                    slots.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }

    /// How many of the sample standard deviations of `values[(end − span)..<end]`, for every
    /// `end` in `ends`, are ≤ `threshold`.
    ///
    /// Each window is `standardDeviation(values, (end − span)..<end)` to the bit: eight windows
    /// are computed side by side in SIMD lanes, each lane summing its own values in index order
    /// with the same operations (no fused multiply-add), and the tail one by one.
    static func countStandardDeviations(
        _ values: [Double], span: Int, ends: ClosedRange<Int>, atOrBelow threshold: Double
    ) -> Int {
        precondition(ends.lowerBound >= span && ends.upperBound <= values.count)
        var count = 0
        var end = ends.lowerBound
        if span >= 2 {
            let spanCount = SIMD8<Double>(repeating: Double(span))
            let spanCountMinusOne = SIMD8<Double>(repeating: Double(span - 1))
            let limit = SIMD8<Double>(repeating: threshold)
            values.withUnsafeBufferPointer { buffer in
                let base = UnsafeRawPointer(buffer.baseAddress!)
                func lanes(_ start: Int) -> SIMD8<Double> {
                    base.loadUnaligned(fromByteOffset: start * 8, as: SIMD8<Double>.self)
                }
                while end + 7 <= ends.upperBound {
                    let first = end - span
                    var sum = SIMD8<Double>(repeating: 0)
                    for offset in 0..<span { sum += lanes(first + offset) }
                    let average = sum / spanCount
                    var squares = SIMD8<Double>(repeating: 0)
                    for offset in 0..<span {
                        let deviation = lanes(first + offset) - average
                        squares += deviation * deviation
                    }
                    let deviations = (squares / spanCountMinusOne).squareRoot()
                    let atOrBelow = deviations .<= limit
                    for lane in 0..<8 where atOrBelow[lane] { count += 1 }
                    end += 8
                }
            }
        }
        while end <= ends.upperBound {
            if standardDeviation(values, (end - span)..<end) <= threshold { count += 1 }
            end += 1
        }
        return count
    }

    /// Least-squares slope of `values[range]` against 0, 1, 2, …, divided by their mean
    /// (a fraction per step; ≈ the slope of log values for small moves, without `log`).
    static func normalizedSlope(_ values: [Double], _ range: Range<Int>) -> Double {
        guard range.count >= 2 else { return 0 }
        let average = mean(values, range)
        let xMean = Double(range.count - 1) / 2
        var numerator = 0.0
        var denominator = 0.0
        for (offset, index) in range.enumerated() {
            let dx = Double(offset) - xMean
            numerator += dx * (values[index] - average)
            denominator += dx * dx
        }
        guard denominator > 0, average != 0 else { return 0 }
        return numerator / denominator / average
    }

    /// Covariance (n − 1) and both standard deviations of two equally long slices.
    static func covariance(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> (cov: Double, sdA: Double, sdB: Double)
    {
        precondition(a.count == b.count)
        let count = a.count
        guard count >= 2 else { return (0, 0, 0) }
        // Index loops over the buffers, not `zip`: the same additions in the same order (so the same bits),
        // without a generic iterator per element, which dominated debug-build tests.
        var sumA = 0.0
        var sumB = 0.0
        var cov = 0.0
        var varA = 0.0
        var varB = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for index in 0..<count {
                    sumA += a[index]
                    sumB += b[index]
                }
                let meanA = sumA / Double(count)
                let meanB = sumB / Double(count)
                for index in 0..<count {
                    let x = a[index]
                    let y = b[index]
                    cov += (x - meanA) * (y - meanB)
                    varA += (x - meanA) * (x - meanA)
                    varB += (y - meanB) * (y - meanB)
                }
            }
        }
        let denominator = Double(count - 1)
        return (cov / denominator, (varA / denominator).squareRoot(), (varB / denominator).squareRoot())
    }

    /// Simple returns c[i]/c[i−1] − 1 of consecutive values.
    static func returns(_ closes: [Double]) -> [Double] {
        guard closes.count >= 2 else { return [] }
        var out: [Double] = []
        out.reserveCapacity(closes.count - 1)
        for index in 1..<closes.count { out.append(closes[index] / closes[index - 1] - 1) }
        return out
    }
}
