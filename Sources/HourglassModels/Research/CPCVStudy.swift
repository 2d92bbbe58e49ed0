import HourglassCore

/// Combinatorial purged cross-validation of every base model (the XGBoost kinds, the LSTM and the Transformer)
/// on triple-barrier labels of hourly feature rows.
///
/// Pure: it takes the bars and feature rows as values. Each symbol's rows are labelled from its own bars (only
/// bars inside the window, so no label reads beyond it), the symbols are pooled and ordered by entry hour
/// (ties by symbol), and every CPCV split trains each model on its purged, embargoed training set and scores
/// the test set. With a sequence model in the study, only hours with a full window of `stepCount` earlier rows
/// of their symbol are samples, for every model alike; each sequence model trains on at most its recorded
/// `sampleLimit` windows of the training set (the seeded subset its own trainer would pick) and scores every
/// test window. The strategy goes long a test sample when p ≥ `threshold` (fixed in advance, never tuned)
/// and earns its gross barrier return minus a round trip of fees; other samples earn 0.
public struct CPCVStudy: Sendable {
    /// The splitter (groups, test groups, embargo).
    public var cv: CombinatorialPurgedCV
    /// Where the barriers sit.
    public var barriers: TripleBarrierParameters
    /// The models compared, each one configuration.
    public var models: [ModelKind]
    /// Probability at or above which the strategy enters.
    public var threshold: Double
    /// Fee rate per side (a round trip pays it twice).
    public var feeRate: Double
    /// Seed of every model's training.
    public var seed: UInt32

    /// The models the study can train: every base model of the ensemble.
    public static let supportedModels = (BoostedTreeModel.kinds + sequenceKinds).sorted()
    static let sequenceKinds: [ModelKind] = [.lstm, .transformer]
    /// Windows predicted per pass of a sequence model (bounds the memory of a test set's windows).
    static let predictionChunk = 2_048

    /// A study; traps on a model the study cannot train or a threshold outside (0, 1).
    public init(
        cv: CombinatorialPurgedCV, barriers: TripleBarrierParameters = TripleBarrierParameters(),
        models: [ModelKind] = supportedModels, threshold: Double = 0.55, feeRate: Double = 0.004,
        seed: UInt32 = 20_260_101
    ) {
        precondition(!models.isEmpty && models.allSatisfy(Self.supportedModels.contains), "unsupported model")
        precondition(threshold > 0 && threshold < 1, "threshold in (0, 1)")
        self.cv = cv
        self.barriers = barriers
        self.models = models.sorted()
        self.threshold = threshold
        self.feeRate = feeRate
        self.seed = seed
    }

    /// Hours per sequence window.
    public var stepCount: Int { SequenceModelParameters.defaults(.lstm, featureCount: 1).stepCount }

    /// True when a sequence model is among `models`.
    var needsWindows: Bool { models.contains(where: Self.sequenceKinds.contains) }

    /// The pooled labelled samples of every symbol, ordered by entry hour, ties by symbol.
    public func dataset(rows: [FeatureRow], bars: [[Bar]]) -> LabelledDataset { samples(rows: rows, bars: bars).data }

    /// The pooled samples, every symbol's hourly rows back to back, and the row each sample's window ends at.
    struct Samples {
        var data: LabelledDataset
        var hourly: FeatureMatrix
        var endRows: [Int]
    }

    func samples(rows: [FeatureRow], bars: [[Bar]]) -> Samples {
        let columns = FeatureRow.columnNames.count
        let firstIndex = needsWindows ? stepCount - 1 : 0
        let labeler = TripleBarrierLabeler(parameters: barriers)
        let bySymbol = bars.filter { !$0.isEmpty }.sorted { $0[0].symbol < $1[0].symbol }
        var parts: [LabelledDataset] = []
        var symbolOf: [String] = []
        var hourlyValues: [Float] = []
        var hourlyCount = 0
        var endRows: [Int] = []
        for series in bySymbol {
            let symbol = series[0].symbol
            let symbolRows = rows.filter { $0.symbol == symbol }.sorted { $0.hourTs < $1.hourTs }
            guard !symbolRows.isEmpty else { continue }
            var barIndex = 0
            var points: [PricePoint] = []
            var kept: [FeatureRow] = []
            for row in symbolRows {
                while barIndex < series.count, series[barIndex].openTs < row.hourTs { barIndex += 1 }
                guard barIndex < series.count, series[barIndex].openTs == row.hourTs else { continue }
                points.append(PricePoint(bar: series[barIndex]))
                kept.append(row)
            }
            let matrix = FeatureMatrix(
                rowCount: kept.count, columnCount: columns,
                values: kept.flatMap { $0.values.map(Float.init) })
            var labelled: [Int] = []
            var labels: [TripleBarrierLabel] = []
            for index in points.indices where index >= firstIndex {
                guard let label = labeler.label(at: index, in: points) else { continue }
                labelled.append(index)
                labels.append(label)
            }
            guard !labelled.isEmpty else { continue }
            parts.append(
                LabelledDataset(
                    features: matrix.rows(labelled), labels: labels.map(\.hitUpper),
                    spans: labels.map(SampleSpan.init), grossReturns: labels.map(\.grossReturn)))
            symbolOf += Array(repeating: symbol, count: labelled.count)
            if needsWindows {
                endRows += labelled.map { hourlyCount + $0 }
                hourlyValues += matrix.values
                hourlyCount += matrix.rowCount
            }
        }
        let hourly = FeatureMatrix(rowCount: hourlyCount, columnCount: columns, values: hourlyValues)
        guard !parts.isEmpty else {
            let empty = LabelledDataset(
                features: FeatureMatrix(rowCount: 0, columnCount: columns, values: []), labels: [],
                spans: [], grossReturns: [])
            return Samples(data: empty, hourly: hourly, endRows: [])
        }
        let pooled = LabelledDataset.concatenated(parts)
        let order = pooled.spans.indices.sorted {
            let a = pooled.spans[$0].entryHourTs
            let b = pooled.spans[$1].entryHourTs
            return a != b ? a < b : (symbolOf[$0] != symbolOf[$1] ? symbolOf[$0] < symbolOf[$1] : $0 < $1)
        }
        return Samples(
            data: pooled.subset(order), hourly: hourly, endRows: needsWindows ? order.map { endRows[$0] } : [])
    }

    /// Computes the feature rows of `from` … `through` with `timeline` (bars before `from` warm it up), then runs.
    public func run(
        bars: [[Bar]], from: UTCTimestamp, through: UTCTimestamp, timeline: FeatureTimeline,
        progress: (String) -> Void = { _ in }
    ) throws -> CPCVStudyResult {
        let inWindow = bars.map { $0.filter { $0.openTs >= from && $0.openTs <= through } }
        let rows = timeline.rows(bars: bars, from: from, through: through)
        return try run(rows: rows, bars: inWindow, progress: progress)
    }

    /// Runs the study; `progress` hears one line per split.
    public func run(
        rows: [FeatureRow], bars: [[Bar]],
        progress: (String) -> Void = { _ in }
    ) throws -> CPCVStudyResult {
        let pooled = samples(rows: rows, bars: bars)
        let data = pooled.data
        guard data.count >= cv.groupCount * 2 else {
            throw ModelError.unusableData("\(data.count) labelled samples: too few for \(cv.groupCount) groups")
        }
        let splits = cv.splits(data.spans)
        var folds: [CPCVFoldResult] = []
        // Strategy returns of the first split that tests each sample, per model: one full backtest path.
        var path = [[Double]](repeating: [Double](repeating: .nan, count: models.count), count: data.count)
        for (foldIndex, split) in splits.enumerated() {
            progress(
                "cpcv: split \(foldIndex + 1)/\(splits.count) (test groups \(split.testGroups)), "
                    + "\(split.trainIndices.count) train, \(split.testIndices.count) test")
            let train = data.subset(split.trainIndices)
            let test = data.subset(split.testIndices)
            var foldRows: [CPCVFoldResult] = []
            var foldReturns: [[Double]] = []
            for (modelIndex, kind) in models.enumerated() {
                let (trainCount, predicted) = try fitAndPredict(
                    kind, pooled, train: split.trainIndices, trainSet: train, test: split.testIndices,
                    testSet: test)
                let returns = zip(predicted, test.grossReturns).map { $0 >= threshold ? $1 - 2 * feeRate : 0 }
                for (position, sample) in split.testIndices.enumerated() where path[sample][modelIndex].isNaN {
                    path[sample][modelIndex] = returns[position]
                }
                foldReturns.append(returns)
                foldRows.append(
                    score(
                        fold: foldIndex, split: split, model: kind, trainCount: trainCount,
                        predicted: predicted, outcomes: test.labels, returns: returns))
            }
            deflate(&foldRows, returns: foldReturns)
            folds += foldRows
        }
        return CPCVStudyResult(
            sampleCount: data.count, folds: folds, summaries: summaries(folds),
            pathCount: cv.pathCount, backtestOverfitting: overfitting(path))
    }

    /// Trains `kind` on the split's training samples and predicts its test samples; returns the samples the
    /// model trained on (a sequence model's seeded subset of at most its `sampleLimit`) and the predictions.
    private func fitAndPredict(
        _ kind: ModelKind, _ pooled: Samples, train: [Int], trainSet: LabelledDataset, test: [Int],
        testSet: LabelledDataset
    ) throws -> (trainCount: Int, predicted: [Double]) {
        if BoostedTreeModel.kinds.contains(kind) {
            let model = try BoostedTreeModel.train(
                features: trainSet.features,
                labels: trainSet.labels.map { $0 ? 1 : 0 },
                parameters: .defaults(kind, seed: seed))
            return (trainSet.count, try model.predict(testSet.features))
        }
        let parameters = SequenceModelParameters.defaults(
            kind, featureCount: pooled.hourly.columnCount, seed: UInt64(seed))
        // The subset the trainer itself would pick from all of `train`, so only those windows are built.
        let chosen = SequenceTrainer.subset(count: train.count, limit: parameters.sampleLimit, seed: parameters.seed)
            .map { train[$0] }
        func windows(_ indices: some Collection<Int>) -> SequenceDataset {
            SequenceDataset(
                hourly: pooled.hourly, endRows: indices.map { pooled.endRows[$0] },
                labels: indices.map { pooled.data.labels[$0] }, stepCount: stepCount)
        }
        let model = try SequenceModel.train(windows(chosen), parameters: parameters)
        var predicted: [Double] = []
        predicted.reserveCapacity(test.count)
        var start = 0
        while start < test.count {
            let end = min(start + Self.predictionChunk, test.count)
            predicted += model.probabilities(windows(test[start..<end]))
            start = end
        }
        return (chosen.count, predicted)
    }

    private func score(
        fold: Int, split: CombinatorialPurgedSplit, model: ModelKind, trainCount: Int,
        predicted: [Double], outcomes: [Bool], returns: [Double]
    ) -> CPCVFoldResult {
        let baseRate = ClassificationMetrics.baseRate(outcomes)
        let constant = [Double](repeating: baseRate, count: outcomes.count)
        let statistics = Self.sharpeStatistics(returns)
        return CPCVFoldResult(
            fold: fold, testGroups: split.testGroups, model: model, trainCount: trainCount, testCount: outcomes.count,
            baseRate: baseRate, logLoss: ClassificationMetrics.logLoss(probabilities: predicted, outcomes: outcomes),
            baseRateLogLoss: ClassificationMetrics.baseRateLogLoss(outcomes: outcomes),
            brierScore: ClassificationMetrics.brierScore(probabilities: predicted, outcomes: outcomes),
            baseRateBrierScore: ClassificationMetrics.brierScore(probabilities: constant, outcomes: outcomes),
            auc: ClassificationMetrics.auc(scores: predicted, outcomes: outcomes),
            calibrationError: ClassificationMetrics.calibration(probabilities: predicted, outcomes: outcomes)
                .expectedCalibrationError,
            meanPrediction: predicted.reduce(0, +) / Double(max(predicted.count, 1)),
            trades: predicted.filter { $0 >= threshold }.count, sharpe: statistics?.sharpe,
            probabilisticSharpe: statistics?.probabilisticSharpe(), deflatedSharpe: nil)
    }

    /// Sets each row's deflated Sharpe for the models tried on the split (the trials' Sharpe variance among them).
    private func deflate(_ rows: inout [CPCVFoldResult], returns: [[Double]]) {
        let sharpes = rows.compactMap(\.sharpe)
        guard rows.count >= 2, sharpes.count >= 2 else { return }
        let mean = sharpes.reduce(0, +) / Double(sharpes.count)
        let variance = sharpes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sharpes.count - 1)
        for index in rows.indices {
            guard let statistics = Self.sharpeStatistics(returns[index]) else { continue }
            rows[index].deflatedSharpe = statistics.deflatedSharpe(
                trialCount: rows.count,
                trialSharpeVariance: variance)
        }
    }

    private func summaries(_ folds: [CPCVFoldResult]) -> [CPCVStudyResult.Summary] {
        models.map { kind in
            let rows = folds.filter { $0.model == kind }
            let count = Double(rows.count)
            let aucs = rows.compactMap(\.auc)
            return CPCVStudyResult.Summary(
                model: kind, meanLogLoss: rows.reduce(0) { $0 + $1.logLoss } / count,
                meanBaseRateLogLoss: rows.reduce(0) { $0 + $1.baseRateLogLoss } / count,
                meanBrierScore: rows.reduce(0) { $0 + $1.brierScore } / count,
                meanAUC: aucs.isEmpty ? nil : aucs.reduce(0, +) / Double(aucs.count),
                foldsBeatingBaseRate: rows.filter(\.beatsBaseRate).count)
        }
    }

    /// PBO by CSCV over the models' path returns (16 blocks), nil when it cannot be measured.
    private func overfitting(_ path: [[Double]]) -> Double? {
        guard models.count >= 2, path.count >= 32, path.allSatisfy({ $0.allSatisfy { !$0.isNaN } }) else { return nil }
        return BacktestOverfitting(returns: path, blockCount: 16).probability
    }

    /// Moments of `returns`, nil when they never vary (no trade, or too few samples).
    static func sharpeStatistics(_ returns: [Double]) -> SharpeStatistics? {
        guard returns.count >= 3, let first = returns.first, returns.contains(where: { $0 != first }) else {
            return nil
        }
        return SharpeStatistics(returns: returns)
    }
}
