#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Scores of probabilistic binary predictions against 0/1 outcomes, each summed in index order.
public enum ClassificationMetrics {
    /// Probabilities are clamped to [ε, 1 − ε] before taking logs, so a confident miss costs ≈ 34.5, not ∞.
    public static let probabilityEpsilon = 1e-15

    /// Mean binary cross-entropy (natural log).
    public static func logLoss(probabilities: [Double], outcomes: [Bool]) -> Double {
        precondition(probabilities.count == outcomes.count && !outcomes.isEmpty, "one probability per outcome")
        var total = 0.0
        for (probability, outcome) in zip(probabilities, outcomes) {
            let p = min(max(probability, probabilityEpsilon), 1 - probabilityEpsilon)
            total -= outcome ? log(p) : log(1 - p)
        }
        return total / Double(outcomes.count)
    }

    /// The log loss of always predicting the sample's own base rate: the bar a model must beat.
    public static func baseRateLogLoss(outcomes: [Bool]) -> Double {
        let rate = baseRate(outcomes)
        return logLoss(probabilities: [Double](repeating: rate, count: outcomes.count), outcomes: outcomes)
    }

    /// Share of outcomes that are true.
    public static func baseRate(_ outcomes: [Bool]) -> Double {
        precondition(!outcomes.isEmpty, "no outcomes")
        return Double(outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(outcomes.count)
    }
}
