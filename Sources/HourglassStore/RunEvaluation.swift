import HourglassModels

/// `research evaluate`'s result: a run's evidence and, when asked, a baseline run's over the same question.
public struct RunEvaluation: Sendable, Hashable {
    public var run: RunEvidence
    public var baseline: RunEvidence?
    /// With a baseline: the run's deflated Sharpe ratio for the two configurations tried (Bailey and López de
    /// Prado; the trials' Sharpe variance from the two runs' hourly Sharpe ratios); nil when undefined.
    public var deflatedSharpeOverRuns: Double?

    /// Combines a run's and a baseline's evidence.
    public init(run: RunEvidence, baseline: RunEvidence?) {
        self.run = run
        self.baseline = baseline
        deflatedSharpeOverRuns = baseline.flatMap { Self.deflatedSharpe(run.hourlyReturns, [$0.hourlyReturns]) }
    }

    /// The deflated Sharpe ratio of `returns` among `returns` and `others` (every series non-constant).
    static func deflatedSharpe(_ returns: [Double], _ others: [[Double]]) -> Double? {
        let all = [returns] + others
        guard all.allSatisfy({ $0.count >= 3 && Set($0).count > 1 }) else { return nil }
        let sharpes = all.map { SharpeStatistics(returns: $0).sharpe }
        let mean = sharpes.reduce(0, +) / Double(sharpes.count)
        let variance = sharpes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sharpes.count - 1)
        return SharpeStatistics(returns: returns).deflatedSharpe(
            trialCount: all.count, trialSharpeVariance: variance)
    }
}
