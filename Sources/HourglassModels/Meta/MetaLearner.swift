import HourglassCore

/// The stacking meta-learner: a logistic regression on the base models' out-of-fold probabilities (as logits),
/// their trust weights and the regime one-hot. Final trade decisions come from it alone.
///
/// Expected edge net of costs = p × (mean return of winning training trades) + (1 − p) × (mean return of the
/// others) − the round-trip fee. It says "no trade" unless p ≥ `probabilityHurdle` and that edge ≥ `edgeHurdle`.
///
/// Artifact bytes (little-endian): "HGML", u16 version 1, u32 base count, u32 trust count, f64 bits of λ, the
/// two hurdles, the fee, the win and loss means, u32 coefficient count, then the coefficients.
public struct MetaLearner: Sendable, Hashable {
    /// The regimes in one-hot order.
    public static let regimes: [Regime] = [.trend, .range, .highVol, .crash, .unknown]
    /// Base probabilities are clamped to [ε, 1 − ε] before the logit.
    public static let probabilityEpsilon = 1e-6

    public let baseModelCount: Int
    public let trustCount: Int
    public let l2: Double
    public let probabilityHurdle: Double
    public let edgeHurdle: Double
    public let roundTripFeeRate: Double
    /// Mean gross return of training trades labelled 1, and of those labelled 0.
    public let winReturnMean: Double, lossReturnMean: Double
    public let regression: LogisticRegression

    /// The feature vector: logit of each base probability, then trust weights, then the regime one-hot.
    public static func features(baseProbabilities: [Double], trustWeights: [Double], regime: Regime) -> [Double] {
        var out = baseProbabilities.map { p -> Double in
            let clamped = min(max(p, probabilityEpsilon), 1 - probabilityEpsilon)
            return PortableMath.log(clamped / (1 - clamped))
        }
        out += trustWeights
        out += regimes.map { $0 == regime ? 1 : 0 }
        return out
    }

    /// Fits on out-of-fold rows: base probabilities, trust weights and regime per sample, its meta-label and its
    /// gross return (before fees).
    public static func fit(
        baseProbabilities: [[Double]], trustWeights: [[Double]], regimes: [Regime],
        labels: [Bool], grossReturns: [Double], l2: Double = 1,
        probabilityHurdle: Double = 0.55, edgeHurdle: Double = 0,
        roundTripFeeRate: Double = MetaLabeler.roundTripFeeRate
    ) throws -> MetaLearner {
        let count = labels.count
        precondition(
            baseProbabilities.count == count && trustWeights.count == count && regimes.count == count
                && grossReturns.count == count && count > 0, "one row per label")
        let rows = (0..<count).map {
            features(baseProbabilities: baseProbabilities[$0], trustWeights: trustWeights[$0], regime: regimes[$0])
        }
        let regression = try LogisticRegression.fit(rows: rows, labels: labels, l2: l2)
        var win = 0.0
        var loss = 0.0
        var wins = 0
        for index in 0..<count {
            if labels[index] {
                win += grossReturns[index]
                wins += 1
            } else {
                loss += grossReturns[index]
            }
        }
        return MetaLearner(
            baseModelCount: baseProbabilities[0].count, trustCount: trustWeights[0].count, l2: l2,
            probabilityHurdle: probabilityHurdle, edgeHurdle: edgeHurdle,
            roundTripFeeRate: roundTripFeeRate, winReturnMean: win / Double(wins),
            lossReturnMean: loss / Double(count - wins), regression: regression)
    }

    /// The decision for one symbol-hour.
    public func decide(baseProbabilities: [Double], trustWeights: [Double], regime: Regime) -> MetaDecision {
        precondition(baseProbabilities.count == baseModelCount && trustWeights.count == trustCount, "input shape")
        let p = regression.probability(
            Self.features(
                baseProbabilities: baseProbabilities, trustWeights: trustWeights,
                regime: regime))
        let edge = p * winReturnMean + (1 - p) * lossReturnMean - roundTripFeeRate
        return MetaDecision(probability: p, expectedEdgeNet: edge, trade: p >= probabilityHurdle && edge >= edgeHurdle)
    }
}
