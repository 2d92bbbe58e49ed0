import HourglassCore
import HourglassModels

/// Seeded synthetic classification data with a known signal, for training tests.
struct SyntheticData {
    var features: FeatureMatrix
    var labels: [Float]

    /// `rowCount` rows of `columnCount` uniform features in [-1, 1); label 1 when
    /// `x0 + 0.5·x1 + noise > 0`, noise uniform in ±`noise`. The other columns carry no signal.
    static func make(rowCount: Int, columnCount: Int = 6, noise: Double = 0.8, purpose: String) -> SyntheticData {
        var generator = SeededGenerator(runSeed: 42, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: purpose)
        var values: [Float] = []
        var labels: [Float] = []
        for _ in 0..<rowCount {
            var row: [Double] = []
            for _ in 0..<columnCount { row.append(generator.unit() * 2 - 1) }
            let score = row[0] + 0.5 * row[1] + (generator.unit() * 2 - 1) * noise
            values.append(contentsOf: row.map(Float.init))
            labels.append(score > 0 ? 1 : 0)
        }
        return SyntheticData(
            features: FeatureMatrix(rowCount: rowCount, columnCount: columnCount, values: values),
            labels: labels)
    }
}

extension SeededGenerator {
    /// A uniform draw in [0, 1) from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
