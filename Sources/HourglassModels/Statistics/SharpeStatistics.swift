/// Sharpe ratios and their significance (Bailey & López de Prado 2012, 2014) from one series of period returns.
///
/// SR̂ = mean / standard deviation (n − 1 in the denominator) per period. Skewness γ₃ = m₃ / m₂^1.5 and
/// kurtosis γ₄ = m₄ / m₂² (3 for a normal) use the population central moments mᵢ, as in `scipy.stats.skew`
/// and `kurtosis(fisher=False)`.
public struct SharpeStatistics: Sendable, Hashable {
    /// Euler–Mascheroni γ, in the expected maximum of N Sharpe ratios.
    public static let eulerMascheroni = 0.5772156649015329

    public let count: Int
    public let mean: Double
    public let standardDeviation: Double
    public let skewness: Double
    public let kurtosis: Double

    /// Moments of `returns` (at least 3, not all equal).
    public init(returns: [Double]) {
        precondition(returns.count >= 3, "a Sharpe ratio needs at least 3 returns")
        let n = Double(returns.count)
        var sum = 0.0
        for value in returns { sum += value }
        let mean = sum / n
        var m2 = 0.0
        var m3 = 0.0
        var m4 = 0.0
        for value in returns {
            let d = value - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        precondition(m2 > 0, "returns must vary")
        count = returns.count
        self.mean = mean
        standardDeviation = (m2 / (n - 1)).squareRoot()
        m2 /= n
        m3 /= n
        m4 /= n
        skewness = m3 / (m2 * m2.squareRoot())
        kurtosis = m4 / (m2 * m2)
    }

    /// The per-period Sharpe ratio SR̂.
    public var sharpe: Double { mean / standardDeviation }

    /// SR̂ × √(periods per year), e.g. 8760 for hourly returns.
    public func annualizedSharpe(periodsPerYear: Double) -> Double { sharpe * periodsPerYear.squareRoot() }

    /// The probabilistic Sharpe ratio: P(true SR > `benchmark`) given the sample's length, skew and kurtosis,
    /// Φ((SR̂ − SR*)√(n − 1) / √(1 − γ₃SR̂ + (γ₄ − 1)/4 · SR̂²)). `benchmark` is per period.
    public func probabilisticSharpe(benchmark: Double = 0) -> Double {
        let sr = sharpe
        let spread = 1 - skewness * sr + (kurtosis - 1) / 4 * sr * sr
        return NormalDistribution.cdf((sr - benchmark) * Double(count - 1).squareRoot() / spread.squareRoot())
    }

    /// The probabilistic Sharpe ratio against 0 of `returns`, the deflated Sharpe of a single configuration;
    /// nil with fewer than three returns or returns that never vary (a flat curve).
    public static func probabilisticSharpeAgainstZero(_ returns: [Double]) -> Double? {
        guard returns.count >= 3, let first = returns.first, returns.contains(where: { $0 != first }) else {
            return nil
        }
        return SharpeStatistics(returns: returns).probabilisticSharpe(benchmark: 0)
    }

    /// The expected maximum per-period Sharpe of `trialCount` unskilled trials whose Sharpe ratios vary with
    /// `trialSharpeVariance`: √V × ((1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N e))).
    public static func expectedMaximumSharpe(trialCount: Int, trialSharpeVariance: Double) -> Double {
        precondition(trialCount >= 2 && trialSharpeVariance >= 0, "need ≥ 2 trials and a variance ≥ 0")
        let n = Double(trialCount)
        let e = 2.718281828459045
        let gamma = eulerMascheroni
        let quantiles =
            (1 - gamma) * NormalDistribution.quantile(1 - 1 / n)
            + gamma * NormalDistribution.quantile(1 - 1 / (n * e))
        return trialSharpeVariance.squareRoot() * quantiles
    }

    /// The deflated Sharpe ratio: the PSR against the Sharpe the best of `trialCount` unskilled trials would show.
    public func deflatedSharpe(trialCount: Int, trialSharpeVariance: Double) -> Double {
        probabilisticSharpe(
            benchmark: Self.expectedMaximumSharpe(
                trialCount: trialCount,
                trialSharpeVariance: trialSharpeVariance))
    }
}
