import Dispatch
import HourglassCore
import Synchronization

/// One retraining of the whole ensemble on a window: every base model on all labelled samples, the
/// meta-learner on their purged out-of-fold predictions; pure (bars and feature rows in, artifacts out).
///
/// Samples are the hours with a triple-barrier label and a full window of `stepCount` earlier feature rows of
/// the same symbol, pooled over the symbols and ordered by entry hour. Tree models read the hour's row,
/// sequence models the window ending at it.
public struct EnsembleRetraining: Sendable {
    /// The base models, in kind order.
    public var baseKinds: [ModelKind]
    public var barriers: TripleBarrierParameters
    /// Groups of the out-of-fold predictions the meta-learner fits on.
    public var outOfFoldGroups: Int
    public var seed: UInt32
    /// Threads the independent fits run on (each fit single-threaded). The artifacts never depend on it:
    /// every fit sees the same inputs whichever thread runs it, and the results are assembled in fit order.
    public var workerCount: Int = 2

    /// A retraining of every base kind (XGBoost and sequence models).
    public init(
        baseKinds: [ModelKind] = ModelKind.allCases.filter { $0 != .metaLearner },
        barriers: TripleBarrierParameters = TripleBarrierParameters(), outOfFoldGroups: Int = 4,
        seed: UInt32 = 20_260_101
    ) {
        precondition(!baseKinds.isEmpty && !baseKinds.contains(.metaLearner), "base models only")
        self.baseKinds = baseKinds.sorted()
        self.barriers = barriers
        self.outOfFoldGroups = outOfFoldGroups
        self.seed = seed
    }

    /// The samples: tree rows, sequence windows, labels, spans, returns and regimes, in entry order.
    public struct Samples: Sendable {
        public var features: FeatureMatrix
        public var windows: SequenceDataset
        public var labels: [Bool]
        public var spans: [SampleSpan]
        public var grossReturns: [Double]
        public var regimes: [Regime]
        /// Each sample's entry hour, symbol and close (the entry bar's): the trust calls.
        public var hours: [UTCTimestamp]
        public var symbols: [String]
        public var entryCloses: [FixedDecimal]
        /// Every given bar's close by symbol and open time: the outcomes of the trust calls.
        public var closes: [String: [UTCTimestamp: FixedDecimal]]
    }

    /// Window length of the sequence models.
    public var stepCount: Int { SequenceModelParameters.defaults(.lstm, featureCount: 1).stepCount }

    /// The pooled samples of `rows` labelled from `bars`.
    public func samples(rows: [FeatureRow], bars: [[Bar]]) -> Samples {
        let columns = FeatureRow.columnNames.count
        let labeler = TripleBarrierLabeler(parameters: barriers)
        var entries:
            [(
                ts: UTCTimestamp, symbol: String, row: [Float], window: [Double], label: TripleBarrierLabel,
                regime: Regime, close: FixedDecimal
            )] = []
        var closes: [String: [UTCTimestamp: FixedDecimal]] = [:]
        for series in bars.filter({ !$0.isEmpty }).sorted(by: { $0[0].symbol < $1[0].symbol }) {
            let symbol = series[0].symbol
            var byHour: [UTCTimestamp: FixedDecimal] = [:]
            for bar in series { byHour[bar.openTs] = bar.closePrice }
            closes[symbol] = byHour
            var barIndex = 0
            var points: [PricePoint] = []
            var kept: [FeatureRow] = []
            var keptCloses: [FixedDecimal] = []
            for row in rows where row.symbol == symbol {
                while barIndex < series.count, series[barIndex].openTs < row.hourTs { barIndex += 1 }
                guard barIndex < series.count, series[barIndex].openTs == row.hourTs else { continue }
                points.append(PricePoint(bar: series[barIndex]))
                kept.append(row)
                keptCloses.append(series[barIndex].closePrice)
            }
            let hourly = kept.map { $0.values.map(Float.init) }
            for index in points.indices where index >= stepCount - 1 {
                guard let label = labeler.label(at: index, in: points) else { continue }
                var window: [Double] = []
                for back in index - stepCount + 1...index { window += hourly[back].map(Double.init) }
                entries.append(
                    (kept[index].hourTs, symbol, hourly[index], window, label, kept[index].regime, keptCloses[index]))
            }
        }
        entries.sort { $0.ts != $1.ts ? $0.ts < $1.ts : $0.symbol < $1.symbol }
        return Samples(
            features: FeatureMatrix(rowCount: entries.count, columnCount: columns, values: entries.flatMap(\.row)),
            windows: SequenceDataset(
                stepCount: stepCount, featureCount: columns, windows: entries.flatMap(\.window),
                labels: entries.map(\.label.hitUpper)),
            labels: entries.map(\.label.hitUpper), spans: entries.map { SampleSpan($0.label) },
            grossReturns: entries.map(\.label.grossReturn), regimes: entries.map(\.regime),
            hours: entries.map(\.ts), symbols: entries.map(\.symbol), entryCloses: entries.map(\.close),
            closes: closes)
    }

    /// Trains every base model on `indices` of `samples` and returns their probabilities on `predict`.
    func fitAndPredict(
        _ kind: ModelKind, _ samples: Samples, train: [Int],
        predict: [Int]
    ) throws -> (artifact: ModelArtifact, probabilities: [Double]) {
        let labels = train.map { samples.labels[$0] }
        if BoostedTreeModel.kinds.contains(kind) {
            let model = try BoostedTreeModel.train(
                features: samples.features.rows(train),
                labels: labels.map { $0 ? 1 : 0 },
                parameters: .defaults(kind, seed: seed))
            return (model.artifact, try model.predict(samples.features.rows(predict)))
        }
        let dataset = SequenceDataset(
            stepCount: stepCount, featureCount: samples.windows.featureCount,
            windows: train.flatMap { samples.windows.window($0) }, labels: labels)
        let model = try SequenceModel.train(
            dataset,
            parameters: .defaults(
                kind, featureCount: dataset.featureCount,
                seed: UInt64(seed)))
        return (model.artifact, model.probabilities(windows: predict.map { samples.windows.window($0) }))
    }

    /// One training: a kind on `train`, predicting `predict` (empty for the model that is kept).
    struct Fit: Sendable {
        var kind: ModelKind
        var train: [Int]
        var predict: [Int]
    }

    /// The ensemble trained on `samples`. Each base kind is fitted once on all samples (the artifact) and once
    /// per purged out-of-fold split (the meta-learner's inputs); those fits run on `workerCount` threads.
    /// `progress` hears one line per kind (one thread) or one line for all fits (more), then the meta-learner.
    public func train(_ samples: Samples, progress: (String) -> Void = { _ in }) throws -> ModelEnsemble {
        guard samples.labels.count >= outOfFoldGroups * 2 else {
            throw ModelError.unusableData("\(samples.labels.count) labelled samples: too few to retrain")
        }
        let all = Array(samples.labels.indices)
        let splits = OutOfFold.splits(spans: samples.spans, groupCount: outOfFoldGroups)
        let perKind = splits.count + 1
        let fits = baseKinds.flatMap { kind in
            [Fit(kind: kind, train: all, predict: [])]
                + splits.map { Fit(kind: kind, train: $0.train, predict: $0.test) }
        }
        var results: [(artifact: ModelArtifact, probabilities: [Double])] = []
        if workerCount <= 1 {
            for (index, fit) in fits.enumerated() {
                if index % perKind == 0 { progress("retrain: \(fit.kind.rawValue) on \(all.count) samples") }
                results.append(try fitAndPredict(fit.kind, samples, train: fit.train, predict: fit.predict))
            }
        } else {
            progress(
                "retrain: base_models on \(all.count) samples: \(fits.count) fits (\(baseKinds.count) kinds × "
                    + "\(perKind)) on \(workerCount) threads")
            results = try runConcurrently(fits, samples)
        }
        var artifacts: [ModelArtifact] = []
        var outOfFold: [[Double]] = []
        for kindIndex in baseKinds.indices {
            let first = kindIndex * perKind
            artifacts.append(results[first].artifact)
            var predictions = [Double](repeating: .nan, count: all.count)
            for (splitIndex, split) in splits.enumerated() {
                let predicted = results[first + 1 + splitIndex].probabilities
                precondition(predicted.count == split.test.count, "one prediction per test sample")
                for (index, value) in zip(split.test, predicted) { predictions[index] = value }
            }
            outOfFold.append(predictions)
        }
        progress("retrain: meta-learner on \(all.count) out-of-fold rows")
        let base = all.map { sample in outOfFold.map { $0[sample] } }
        let meta = try MetaLearner.fit(
            baseProbabilities: base, trustWeights: trustWeights(samples, outOfFold: base),
            regimes: samples.regimes, labels: samples.labels,
            grossReturns: samples.grossReturns)
        return try ModelEnsemble(artifacts: artifacts + [meta.artifact])
    }

    /// Every sample's trust weights, by the reducer's rule (`ThompsonTrust`) run over the samples in time order:
    /// each hour from the first sample's to the last's, the calls of 24 hours earlier meet that hour's closes
    /// (bars of the window only, so nothing at or after the retrain hour), the posteriors are discounted and
    /// updated, the hour's samples get the draws keyed by (retrain seed, hour, `thompson_trust`), and their
    /// out-of-fold calls (probability ≥ 0.5 is "up") are recorded. Training and inference so read the same kind
    /// of weight; the reducer's posteriors carry on across retrainings from the run's start.
    public func trustWeights(_ samples: Samples, outOfFold base: [[Double]]) -> [[Double]] {
        precondition(base.count == samples.hours.count, "one out-of-fold row per sample")
        let kinds = baseKinds.map(\.rawValue)
        var weights = [[Double]](repeating: [], count: base.count)
        guard var hour = samples.hours.first, let last = samples.hours.last else { return weights }
        var trust = ThompsonTrust()
        var cursor = 0
        while hour <= last {
            let now = hour
            trust.advance(to: now) { samples.closes[$0]?[now] }
            let start = cursor
            while cursor < samples.hours.count, samples.hours[cursor] == now { cursor += 1 }
            if cursor > start {
                let draws = trust.draws(kinds: kinds, runSeed: UInt64(seed), hourTs: now)
                var calls: [TrustCallHour.Call] = []
                for index in start..<cursor {
                    weights[index] = draws.weights
                    calls.append(
                        TrustCallHour.Call(
                            symbol: samples.symbols[index], entryCloseQuote: samples.entryCloses[index],
                            up: base[index].map(TrustCallHour.Call.isUp)))
                }
                trust.record(TrustCallHour(hourTs: now, kinds: kinds, calls: calls))
            }
            hour = hour.adding(hours: 1)
        }
        return weights
    }

    /// Every fit's result, in `fits` order, computed on `workerCount` threads that each take the next
    /// unstarted fit; the first failing fit (in `fits` order) is rethrown.
    private func runConcurrently(
        _ fits: [Fit], _ samples: Samples
    ) throws -> [(artifact: ModelArtifact, probabilities: [Double])] {
        typealias Outcome = Result<FitResult, any Error>
        // The sequence fits (the longest) start first so no thread is left alone with one at the end; the
        // schedule only decides which thread runs a fit, never what it computes.
        let schedule =
            fits.indices.filter { !BoostedTreeModel.kinds.contains(fits[$0].kind) }.reversed()
            + fits.indices.filter { BoostedTreeModel.kinds.contains(fits[$0].kind) }
        let next = Mutex(0)
        let outcomes = Mutex([Outcome?](repeating: nil, count: fits.count))
        DispatchQueue.concurrentPerform(iterations: min(workerCount, fits.count)) { _ in
            while true {
                let position: Int = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard position < schedule.count else { return }
                let index = schedule[position]
                let fit = fits[index]
                let outcome = Outcome {
                    let result = try fitAndPredict(fit.kind, samples, train: fit.train, predict: fit.predict)
                    return FitResult(artifact: result.artifact, probabilities: result.probabilities)
                }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        return try outcomes.withLock { $0 }.map { outcome in
            let result = try outcome!.get()
            return (result.artifact, result.probabilities)
        }
    }

    struct FitResult: Sendable {
        var artifact: ModelArtifact
        var probabilities: [Double]
    }
}

extension EnsembleRetraining.Samples {
    /// One hour's inference inputs for `symbolCount` symbols: samples `start`, `start + 1`, … (wrapping), each
    /// standing for one symbol.
    public func inferenceBatch(symbolCount: Int, start: Int) -> (
        features: FeatureMatrix, windows: [[Double]],
        regimes: [Regime]
    ) {
        let picked = (0..<symbolCount).map { (start + $0) % labels.count }
        return (features.rows(picked), picked.map { windows.window($0) }, picked.map { regimes[$0] })
    }
}
