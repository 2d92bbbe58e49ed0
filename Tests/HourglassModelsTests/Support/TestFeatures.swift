import HourglassModels

/// Simple hourly features for model tests, each computed from bars up to and including its own:
/// 1-, 4- and 24-bar returns, the 24-bar return volatility and the bar's high–low range. NaN (missing, which
/// XGBoost handles) until there is enough history.
enum TestFeatures {
    static let columnCount = 5

    static func hourly(_ points: [PricePoint]) -> FeatureMatrix {
        var values: [Float] = []
        values.reserveCapacity(points.count * columnCount)
        for index in points.indices {
            func change(_ bars: Int) -> Float {
                index >= bars ? Float(points[index].close / points[index - bars].close - 1) : .nan
            }
            var volatility = Float.nan
            if index >= 24 {
                let returns = (index - 23...index).map { points[$0].close / points[$0 - 1].close - 1 }
                let mean = returns.reduce(0, +) / 24
                volatility = Float((returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 23).squareRoot())
            }
            let range = Float((points[index].high - points[index].low) / points[index].close)
            values += [change(1), change(4), change(24), volatility, range]
        }
        return FeatureMatrix(rowCount: points.count, columnCount: columnCount, values: values)
    }
}
