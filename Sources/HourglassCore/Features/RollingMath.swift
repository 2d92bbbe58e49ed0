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
    static func median(_ values: [Double], _ range: Range<Int>) -> Double {
        precondition(!range.isEmpty)
        let sorted = values[range].sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
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
    static func covariance(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> (cov: Double, sdA: Double, sdB: Double) {
        precondition(a.count == b.count)
        let count = a.count
        guard count >= 2 else { return (0, 0, 0) }
        var sumA = 0.0, sumB = 0.0
        for (x, y) in zip(a, b) { sumA += x; sumB += y }
        let meanA = sumA / Double(count), meanB = sumB / Double(count)
        var cov = 0.0, varA = 0.0, varB = 0.0
        for (x, y) in zip(a, b) {
            cov += (x - meanA) * (y - meanB)
            varA += (x - meanA) * (x - meanA)
            varB += (y - meanB) * (y - meanB)
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
