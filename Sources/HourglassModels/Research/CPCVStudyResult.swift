/// What a CPCV study found: every split × model, each model's means and the probability of backtest overfitting.
public struct CPCVStudyResult: Sendable, Hashable {
    /// One model's scores averaged over the splits.
    public struct Summary: Sendable, Hashable {
        public var model: ModelKind
        public var meanLogLoss: Double
        public var meanBaseRateLogLoss: Double
        public var meanBrierScore: Double
        public var meanAUC: Double?
        /// Splits where the model's log loss beat the base rate's.
        public var foldsBeatingBaseRate: Int
        /// True when the mean log loss is below the mean base-rate log loss.
        public var beatsBaseRate: Bool { meanLogLoss < meanBaseRateLogLoss }
    }

    /// Labelled samples over all symbols.
    public var sampleCount: Int
    /// Splits, rows sorted by (fold, model).
    public var folds: [CPCVFoldResult]
    /// One per model, in model order.
    public var summaries: [Summary]
    /// Backtest paths the splits form.
    public var pathCount: Int
    /// PBO over the models on the first backtest path (nil with one model or too few samples).
    public var backtestOverfitting: Double?

    /// True when at least one model's mean log loss beats the base rate.
    public var anyModelBeatsBaseRate: Bool { summaries.contains { $0.beatsBaseRate } }
}
