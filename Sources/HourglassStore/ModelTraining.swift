import HourglassCore
import HourglassModels

/// One retraining of a run's ensemble at retrain hour R, as the shell performs it: bars strictly before R
/// only, the feature rows of the training window, triple-barrier samples, purged out-of-fold stacking
/// (`EnsembleRetraining`), fixed seeds and thread counts. Pure apart from reading the bars.
public struct ModelTraining {
    let log: EventLog

    /// A trainer reading bars from `log`.
    public init(log: EventLog) { self.log = log }

    /// What one retraining produced: the ensemble, its artifacts and the `ModelTrained` events (kind order).
    public struct Result: Sendable {
        public var ensemble: ModelEnsemble
        public var events: [ModelTrained]
    }

    /// Trains the ensemble `config` names for retrain hour `retrainHour`; nil when the window holds too few
    /// labelled samples to train (the run then keeps its previous ensemble, or stays flat without one).
    public func train(config: EngineConfig, retrainHour: UTCTimestamp, progress: (String) -> Void = { _ in })
        throws -> Result?
    {
        let settings = config.strategy.retrain
        let timeline = FeatureTimeline(config: config)
        let windowStart = retrainHour.adding(hours: -Int64(settings.trainingWindowHours))
        let lastHour = retrainHour.adding(hours: -1)
        // Strictly before R: nothing at or after the retrain hour can reach the samples.
        let bars = try BarHistory(log: log).bars(
            exchange: config.exchange, symbols: config.universe, from: windowStart.adding(hours: -timeline.warmUpHours),
            through: lastHour)
        let rows = timeline.rows(bars: bars, from: windowStart, through: lastHour)
        let kinds = config.strategy.ensembleKinds.compactMap(ModelKind.init(rawValue:))
        precondition(kinds.count == config.strategy.ensembleKinds.count, "EngineConfig validation names kinds only")
        let retraining = EnsembleRetraining(
            baseKinds: kinds, outOfFoldGroups: settings.outOfFoldGroups, seed: settings.seed)
        let samples = retraining.samples(rows: rows, bars: bars.map { $0.filter { $0.openTs >= windowStart } })
        let ensemble: ModelEnsemble
        do {
            ensemble = try retraining.train(samples, progress: progress)
        } catch ModelError.unusableData(let why) {
            progress("retrain at \(retrainHour): not trained (\(why))")
            return nil
        }
        let dataSha256 = Self.digest(samples)
        let events = ensemble.artifacts.map { artifact in
            ModelTrained(
                retrainHourTs: retrainHour, kind: artifact.kind.rawValue, hyperParameters: artifact.hyperParameters,
                trainingStartTs: windowStart, trainingEndTs: retrainHour,
                featureSchemaSha256: ModelTrained.featureSchemaSha256, trainingDataSha256: dataSha256,
                engineVersion: HourCycle.engineVersion, artifactSha256: artifact.sha256,
                artifactByteCount: artifact.bytes.count, sampleCount: samples.labels.count)
        }
        return Result(ensemble: ensemble, events: events)
    }

    /// SHA-256 of the samples: shape, every row value's bits, windows, labels, gross returns and regimes.
    static func digest(_ samples: EnsembleRetraining.Samples) -> Hash256 {
        var writer = ByteWriter(capacity: samples.features.values.count * 4 + samples.windows.windows.count * 8 + 64)
        writer.write(int: samples.features.rowCount)
        writer.write(int: samples.features.columnCount)
        for value in samples.features.values { writer.write(unsigned: UInt64(value.bitPattern)) }
        writer.write(doubles: samples.windows.windows)
        writer.write(array: samples.labels) { $0.write(bool: $1) }
        writer.write(doubles: samples.grossReturns)
        writer.write(array: samples.regimes) { $0.write(string: $1.rawValue) }
        return Hash256.of(writer.bytes)
    }
}
