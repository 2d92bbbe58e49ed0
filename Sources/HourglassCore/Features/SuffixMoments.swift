/// The last `count` values of several series, centred side by side, for many covariances in one pass.
///
/// `RollingMath.covariance` of two series' last `count` values, to the bit, without re-deriving
/// each series' mean and deviations for every pair: row i holds every series' i-th value of its
/// suffix in SIMD lanes, and each lane sums its own values in index order with the same operations
/// (`sum += x`; `mean = sum / count`; `d = x − mean`; `Σ d·d`; `Σ dA·dB`, no fused multiply-add).
/// A lane's result therefore never depends on the other lanes. Every series must hold at least
/// `count` values; the features use it for the symbols whose windows are full.
struct SuffixMoments {
    /// Values per series (the suffix length).
    let count: Int
    /// Lanes per row: the number of series rounded up to a multiple of 4 (the padding lanes are 0).
    let width: Int
    /// Row-major deviations from each series' mean: `deviations[i * width + lane]`.
    private var deviations: [Double]
    /// Σ d·d of each series, by lane.
    private(set) var sumSquares: [Double]

    /// Centres the last `count` values of every series in `series` (one lane each, in order).
    init(series: [[Double]], count: Int) {
        precondition(count >= 2 && series.allSatisfy { $0.count >= count })
        self.count = count
        width = max(4, (series.count + 3) / 4 * 4)
        let width = width
        let groups = width / 4
        var rows = [Double](repeating: 0, count: count * width)
        for (lane, values) in series.enumerated() {
            let offset = values.count - count
            for i in 0..<count { rows[i * width + lane] = values[offset + i] }
        }
        var squares = [Double](repeating: 0, count: width)
        rows.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            func load(_ row: Int, _ group: Int) -> SIMD4<Double> {
                base.loadUnaligned(fromByteOffset: (row * width + group * 4) * 8, as: SIMD4<Double>.self)
            }
            let divisor = SIMD4<Double>(repeating: Double(count))
            for group in 0..<groups {
                var sum = SIMD4<Double>(repeating: 0)
                for i in 0..<count { sum += load(i, group) }
                let mean = sum / divisor
                var sumSquares = SIMD4<Double>(repeating: 0)
                for i in 0..<count {
                    let deviation = load(i, group) - mean
                    base.storeBytes(of: deviation, toByteOffset: (i * width + group * 4) * 8, as: SIMD4<Double>.self)
                    sumSquares += deviation * deviation
                }
                for lane in 0..<4 { squares[group * 4 + lane] = sumSquares[lane] }
            }
        }
        deviations = rows
        sumSquares = squares
    }

    /// Σ d(lane)·d(b) for every lane b, `lane`'s deviation the left factor of each product (the right
    /// one when `fixedOnRight`). Without `fixedOnRight`, groups of 4 lanes before `lane`'s are skipped
    /// (left 0): pairs are read with their lower lane fixed.
    func crossSums(of lane: Int, fixedOnRight: Bool = false) -> [Double] {
        precondition(lane >= 0 && lane < width)
        let width = width
        let groups = width / 4
        let firstGroup = fixedOnRight ? 0 : lane / 4
        var sums = [SIMD4<Double>](repeating: SIMD4<Double>(repeating: 0), count: groups)
        deviations.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            sums.withUnsafeMutableBufferPointer { accumulators in
                for i in 0..<count {
                    let row = i * width
                    let fixed = SIMD4<Double>(repeating: buffer[row + lane])
                    for group in firstGroup..<groups {
                        let values = base.loadUnaligned(fromByteOffset: (row + group * 4) * 8, as: SIMD4<Double>.self)
                        accumulators[group] += fixedOnRight ? values * fixed : fixed * values
                    }
                }
            }
        }
        var out = [Double](repeating: 0, count: width)
        for group in firstGroup..<groups {
            for offset in 0..<4 { out[group * 4 + offset] = sums[group][offset] }
        }
        return out
    }

    /// What `RollingMath.covariance` gives for lanes `a` and `b`, from their Σ dA·dB (`crossSums(of: a)[b]`
    /// or `crossSums(of: b, fixedOnRight: true)[a]`).
    func covariance(_ a: Int, _ b: Int, crossSum: Double) -> (cov: Double, sdA: Double, sdB: Double) {
        let denominator = Double(count - 1)
        return (
            crossSum / denominator, (sumSquares[a] / denominator).squareRoot(),
            (sumSquares[b] / denominator).squareRoot()
        )
    }
}
