import HourglassCore
import HourglassModels

/// How well a run's meta-learner predicted, out of sample: its recorded probabilities scored against the
/// triple-barrier outcomes that followed, next to the base rate (the constant predictor that knows it).
public struct MetaPredictionScores: Sendable, Hashable {
    /// One labelled prediction: what the run recorded at its hour and what the bars did next.
    public struct Labelled: Sendable, Hashable {
        public var hourTs: UTCTimestamp
        public var symbol: String
        public var metaProbability: Double
        /// The base models' probabilities, in the order of `baseKinds`.
        public var baseProbabilities: [Double]
        /// The meta-learner's own trade flag.
        public var trade: Bool
        /// The training target: the upper barrier came first.
        public var outcome: Bool
        /// The label's return before fees (exit at the barrier touched, or the last close).
        public var grossReturn: Double

        /// Creates a record.
        public init(
            hourTs: UTCTimestamp, symbol: String, metaProbability: Double, baseProbabilities: [Double],
            trade: Bool, outcome: Bool, grossReturn: Double
        ) {
            self.hourTs = hourTs
            self.symbol = symbol
            self.metaProbability = metaProbability
            self.baseProbabilities = baseProbabilities
            self.trade = trade
            self.outcome = outcome
            self.grossReturn = grossReturn
        }
    }

    /// How many model predictions recorded one `action`.
    public struct ActionCount: Sendable, Hashable {
        public var action: String
        public var count: Int

        /// Creates a count.
        public init(action: String, count: Int) {
            self.action = action
            self.count = count
        }
    }

    /// One base model's scores on the same labelled predictions.
    public struct BaseModel: Sendable, Hashable {
        public var kind: String
        public var auc: Double?
        public var logLoss: Double
        public var brierScore: Double
    }

    /// Every `PredictionMade` of the run, and those with the ensemble's model section.
    public var predictionCount: Int
    public var modelPredictionCount: Int
    /// Model predictions scored.
    public var labelledCount: Int
    /// Excluded: the vertical barrier lies after the run's last hour (the outcome is not known in the window).
    public var beyondWindowCount: Int
    /// Excluded: no stored bar at the prediction's hour (a carried-forward hour), so no entry price.
    public var withoutBarCount: Int
    /// Excluded: σ not measurable (too few bars before) or the bars leave the outcome undecided.
    public var unlabelledCount: Int
    /// `action` of every model prediction, counted (sorted by action).
    public var actions: [ActionCount]

    /// Share of labelled predictions whose upper barrier came first.
    public var baseRate: Double
    public var auc: Double?
    public var logLoss: Double
    public var baseRateLogLoss: Double
    public var brierScore: Double
    public var baseRateBrierScore: Double
    public var calibration: Calibration
    public var meanProbability: Double
    public var minProbability: Double
    public var maxProbability: Double
    /// Share of labelled predictions that beat the round-trip fee at the upper barrier (`MetaLabeler`).
    public var feeWinnerRate: Double
    /// Labelled predictions the meta-learner flagged as trades, how often they hit the upper barrier first,
    /// and their mean return net of the round-trip fee (nil without any).
    public var tradeCount: Int
    public var tradeHitRate: Double?
    public var tradeMeanNetReturn: Double?
    /// Mean return net of the round-trip fee over every labelled prediction (entering every hour).
    public var allMeanNetReturn: Double
    public var baseModels: [BaseModel]

    /// True when the meta-learner's log loss is below the base rate's.
    public var beatsBaseRate: Bool { logLoss < baseRateLogLoss }

    /// Scores `labelled` (non-empty); the counts are carried as given.
    public static func score(
        _ labelled: [Labelled], baseKinds: [String], predictionCount: Int, modelPredictionCount: Int,
        beyondWindowCount: Int, withoutBarCount: Int, unlabelledCount: Int, actions: [ActionCount],
        roundTripFeeRate: Double = MetaLabeler.roundTripFeeRate
    ) -> MetaPredictionScores {
        precondition(!labelled.isEmpty, "nothing to score")
        let outcomes = labelled.map(\.outcome)
        let probabilities = labelled.map(\.metaProbability)
        let rate = ClassificationMetrics.baseRate(outcomes)
        let constant = [Double](repeating: rate, count: outcomes.count)
        let trades = labelled.filter(\.trade)
        let netReturns = labelled.map { $0.grossReturn - roundTripFeeRate }
        let baseModels = baseKinds.indices.map { index in
            let column = labelled.map { $0.baseProbabilities[index] }
            return BaseModel(
                kind: baseKinds[index], auc: ClassificationMetrics.auc(scores: column, outcomes: outcomes),
                logLoss: ClassificationMetrics.logLoss(probabilities: column, outcomes: outcomes),
                brierScore: ClassificationMetrics.brierScore(probabilities: column, outcomes: outcomes))
        }
        return MetaPredictionScores(
            predictionCount: predictionCount, modelPredictionCount: modelPredictionCount,
            labelledCount: labelled.count, beyondWindowCount: beyondWindowCount, withoutBarCount: withoutBarCount,
            unlabelledCount: unlabelledCount, actions: actions, baseRate: rate,
            auc: ClassificationMetrics.auc(scores: probabilities, outcomes: outcomes),
            logLoss: ClassificationMetrics.logLoss(probabilities: probabilities, outcomes: outcomes),
            baseRateLogLoss: ClassificationMetrics.logLoss(probabilities: constant, outcomes: outcomes),
            brierScore: ClassificationMetrics.brierScore(probabilities: probabilities, outcomes: outcomes),
            baseRateBrierScore: ClassificationMetrics.brierScore(probabilities: constant, outcomes: outcomes),
            calibration: ClassificationMetrics.calibration(probabilities: probabilities, outcomes: outcomes),
            meanProbability: probabilities.reduce(0, +) / Double(probabilities.count),
            minProbability: probabilities.min()!, maxProbability: probabilities.max()!,
            feeWinnerRate: Double(labelled.filter { $0.outcome && $0.grossReturn - roundTripFeeRate > 0 }.count)
                / Double(labelled.count),
            tradeCount: trades.count,
            tradeHitRate: trades.isEmpty ? nil : Double(trades.filter(\.outcome).count) / Double(trades.count),
            tradeMeanNetReturn: trades.isEmpty
                ? nil : trades.reduce(0) { $0 + $1.grossReturn - roundTripFeeRate } / Double(trades.count),
            allMeanNetReturn: netReturns.reduce(0, +) / Double(netReturns.count), baseModels: baseModels)
    }
}
