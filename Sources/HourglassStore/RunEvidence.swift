import HourglassCore

/// One run's out-of-sample evidence: what its meta-learner predicted and what its strategy earned, next to
/// buy-and-hold of the same symbols at the same mean exposure and fully invested.
public struct RunEvidence: Sendable, Hashable {
    public var runId: String
    public var accountId: String
    /// The configuration's `models`.
    public var models: [String]
    public var universe: [String]
    public var firstHourTs: UTCTimestamp
    public var lastHourTs: UTCTimestamp
    /// The strategy, net of fees.
    public var strategy: StrategyFigures
    /// Buy-and-hold at the strategy's mean invested fraction.
    public var buyAndHoldSameExposure: StrategyFigures
    /// Buy-and-hold with all the equity.
    public var buyAndHoldFull: StrategyFigures
    /// The meta-learner's scores; nil when the run recorded no model prediction that could be labelled
    /// (a rule-model run, or every outcome beyond the window).
    public var predictions: MetaPredictionScores?
    /// Model predictions recorded (0 for a rule-model run).
    public var modelPredictionCount: Int
    /// Hourly returns of the strategy's equity curve (for the deflated Sharpe ratio across runs).
    public var hourlyReturns: [Double]
}
