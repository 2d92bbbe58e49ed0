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

    /// Mean squared error of the probabilities: (p − y)² averaged.
    public static func brierScore(probabilities: [Double], outcomes: [Bool]) -> Double {
        precondition(probabilities.count == outcomes.count && !outcomes.isEmpty, "one probability per outcome")
        var total = 0.0
        for (probability, outcome) in zip(probabilities, outcomes) {
            let error = probability - (outcome ? 1 : 0)
            total += error * error
        }
        return total / Double(outcomes.count)
    }

    /// Area under the ROC curve by the Mann–Whitney statistic, tied scores sharing their average rank
    /// (so a constant score gives exactly 0.5). Nil without both classes.
    public static func auc(scores: [Double], outcomes: [Bool]) -> Double? {
        precondition(scores.count == outcomes.count, "one score per outcome")
        let positives = outcomes.filter { $0 }.count
        let negatives = outcomes.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end + 2) / 2
            for position in start...end where outcomes[order[position]] { rankSum += averageRank }
            start = end + 1
        }
        let p = Double(positives)
        let n = Double(negatives)
        return (rankSum - p * (p + 1) / 2) / (p * n)
    }

    /// Reliability of the probabilities in `binCount` equal-width bins over [0, 1], against the base rate.
    public static func calibration(probabilities: [Double], outcomes: [Bool], binCount: Int = 10) -> Calibration {
        precondition(probabilities.count == outcomes.count && !outcomes.isEmpty && binCount > 0, "bad input")
        var counts = [Int](repeating: 0, count: binCount)
        var predicted = [Double](repeating: 0, count: binCount)
        var observed = [Int](repeating: 0, count: binCount)
        for (probability, outcome) in zip(probabilities, outcomes) {
            let bin = min(max(Int(probability * Double(binCount)), 0), binCount - 1)
            counts[bin] += 1
            predicted[bin] += probability
            if outcome { observed[bin] += 1 }
        }
        var bins: [Calibration.Bin] = []
        var error = 0.0
        for bin in 0..<binCount where counts[bin] > 0 {
            let count = Double(counts[bin])
            let lower = Double(bin) / Double(binCount)
            let upper = Double(bin + 1) / Double(binCount)
            let entry = Calibration.Bin(
                lower: lower, upper: upper, count: counts[bin],
                meanPredicted: predicted[bin] / count,
                observedRate: Double(observed[bin]) / count)
            error += count / Double(outcomes.count) * abs(entry.observedRate - entry.meanPredicted)
            bins.append(entry)
        }
        return Calibration(bins: bins, baseRate: baseRate(outcomes), expectedCalibrationError: error)
    }
}
