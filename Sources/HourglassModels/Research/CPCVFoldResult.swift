/// One model's out-of-sample scores on one CPCV split.
public struct CPCVFoldResult: Sendable, Hashable {
    /// Index of the split (lexicographic order of its test groups).
    public var fold: Int
    public var testGroups: [Int]
    public var model: ModelKind
    public var trainCount: Int
    public var testCount: Int
    /// Share of test labels that hit the upper barrier.
    public var baseRate: Double
    public var logLoss: Double
    /// Log loss of always predicting the test base rate (the bar a model must beat).
    public var baseRateLogLoss: Double
    public var brierScore: Double
    /// Brier score of always predicting the test base rate.
    public var baseRateBrierScore: Double
    /// Nil when the test labels hold one class only.
    public var auc: Double?
    /// Expected calibration error over 10 equal-width bins.
    public var calibrationError: Double
    /// Mean predicted probability (compare with `baseRate`).
    public var meanPrediction: Double
    /// Test samples with p ≥ the threshold (long entries taken).
    public var trades: Int
    /// Per-sample Sharpe of the strategy's net returns (0 when not trading); nil when the returns never vary.
    public var sharpe: Double?
    /// Probabilistic Sharpe ratio against 0.
    public var probabilisticSharpe: Double?
    /// Deflated Sharpe ratio for the number of models tried on this split (nil with one model).
    public var deflatedSharpe: Double?

    /// True when the model's log loss is below the base rate's.
    public var beatsBaseRate: Bool { logLoss < baseRateLogLoss }
}
