/// The baseline trend rule: buy what has drifted up over the momentum window, confirmed by a
/// positive 24h return and a close above the rolling mean.
///
/// - score = clamp(daily drift ÷ `momentumScaleDaily`, −1, 1), halved when the 24h return or the
///   distance from the mean disagrees with the drift;
/// - expected edge = max(0, hourly drift) × `edgeHorizonHours` × `edgeShrink` (a shrunk
///   extrapolation, not a forecast anyone should trust: the ensemble replaces it);
/// - confidence = |score| × (0.5 + 0.5 × breadth), halved in high volatility.
public struct MomentumSignal: SignalModel {
    /// The id configurations name.
    public static let modelId = "momentum"
    public let id = Self.modelId
    public let version = "1"
    /// Thresholds from the configuration.
    public var thresholds: SignalThresholds

    /// Creates the rule.
    public init(thresholds: SignalThresholds) { self.thresholds = thresholds }

    public var parametersSha256: Hash256 {
        var writer = ByteWriter()
        writer.write(byte: 1)
        thresholds.encode(to: &writer)
        return Hash256.of(writer.bytes)
    }

    public func predict(features: SymbolFeatures, context: SignalContext) -> Prediction {
        let daily = features.momentumSlope * 24
        var score = min(1, max(-1, daily / thresholds.momentumScaleDaily))
        let confirmed = (features.return24h > 0) == (daily > 0) && (features.distanceFromMean > 0) == (daily > 0)
        if !confirmed { score *= 0.5 }
        let edge = max(0, features.momentumSlope) * thresholds.edgeHorizonHours * thresholds.edgeShrink
        var confidence = abs(score) * (0.5 + 0.5 * features.marketBreadth)
        if features.highVolatility { confidence *= 0.5 }
        return Prediction(
            symbol: context.symbol, score: score, expectedEdge: edge, confidence: min(1, max(0, confidence)))
    }
}
