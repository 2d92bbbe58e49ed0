import ArgumentParser
import Foundation
import HourglassCore
import HourglassModels
import HourglassStore

/// `hourglass research retrain`: one retraining of the whole ensemble over a window, timed, plus its inference.
struct ResearchRetrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Retrain the whole ensemble once over a window and time it and its hourly inference.",
        discussion: """
            Reads the window's bars (plus warm-up), computes the features and labels, trains every base \
            model (XGBoost depth-wise, leaf-wise, random forest, LSTM, Transformer) and the meta-learner on \
            their purged out-of-fold predictions, then times inference of every model for --inference-symbols \
            symbols per hour. Nothing is written. Scripts/bench models runs it on the release build.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var window: ResearchWindowOptions

    @Option(help: "Symbols per inference hour.")
    var inferenceSymbols: Int = 50

    @Option(help: "Inference hours timed.")
    var inferenceHours: Int = 100

    @Option(
        help: ArgumentHelp(
            "Threads the independent fits and the timed inference run on (each fit and model single-threaded; "
                + "the artifacts and predictions never depend on it)."))
    var workers: Int = 2

    func validate() throws {
        if workers < 1 { throw ValidationError("Please specify --workers of 1 or more.") }
        if inferenceSymbols < 1 || inferenceHours < 1 {
            throw ValidationError("Please specify --inference-symbols and --inference-hours of 1 or more.")
        }
    }

    /// User plus system CPU seconds of this process so far (all threads): on a loaded machine it moves less
    /// than the wall clock.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Each base model's own inference time per hour on `batches` (loaded from the ensemble's artifacts).
    func inferencePerKind(
        _ ensemble: ModelEnsemble,
        _ batches: [(features: FeatureMatrix, windows: [[Double]], regimes: [Regime])]
    ) throws -> [(kind: String, milliseconds: Double, cpuMilliseconds: Double)] {
        try ensemble.artifacts.filter { $0.kind != .metaLearner }.map { artifact in
            let started: UInt64
            let cpuStarted: Double
            if BoostedTreeModel.kinds.contains(artifact.kind) {
                let model = try BoostedTreeModel(artifact: artifact)
                started = MonotonicClock.now()
                cpuStarted = Self.cpuSeconds()
                for batch in batches { _ = try model.predict(batch.features) }
            } else {
                let model = try SequenceModel(artifact: artifact)
                started = MonotonicClock.now()
                cpuStarted = Self.cpuSeconds()
                for batch in batches { _ = model.probabilities(windows: batch.windows) }
            }
            let hours = Double(batches.count)
            return (
                artifact.kind.rawValue, MonotonicClock.seconds(since: started) * 1000 / hours,
                (Self.cpuSeconds() - cpuStarted) * 1000 / hours
            )
        }
    }

    func run() throws {
        try runReportingErrors {
            let timeline = FeatureTimeline(config: .default)
            let start = window.start
            let end = window.end
            let bars = try window.bars(global, warmUpHours: timeline.warmUpHours)
            let showProgress = isatty(STDERR_FILENO) == 1
            var retraining = EnsembleRetraining(seed: window.seed)
            retraining.workerCount = workers
            let featuresStarted = MonotonicClock.now()
            let rows = timeline.rows(bars: bars, from: start, through: end)
            let samples = retraining.samples(rows: rows, bars: bars.map { $0.filter { $0.openTs >= start } })
            let featureSeconds = MonotonicClock.seconds(since: featuresStarted)
            let trainStarted = MonotonicClock.now()
            let trainCPUStarted = Self.cpuSeconds()
            let ensemble: ModelEnsemble
            // Seconds per phase: each progress line ("retrain: KIND on …") starts the next phase.
            var phases: [(name: String, seconds: Double, cpuSeconds: Double)] = []
            var phaseStarted = trainStarted
            var phaseCPUStarted = trainCPUStarted
            do {
                ensemble = try retraining.train(samples) { line in
                    let now = MonotonicClock.now()
                    let cpu = Self.cpuSeconds()
                    if !phases.isEmpty {
                        phases[phases.count - 1].seconds = Double(now - phaseStarted) / 1e9
                        phases[phases.count - 1].cpuSeconds = cpu - phaseCPUStarted
                    }
                    let words = line.split(separator: " ")
                    phases.append((words.count > 1 ? String(words[1]) : line, 0, 0))
                    phaseStarted = now
                    phaseCPUStarted = cpu
                    if showProgress { Console.progress(line) }
                }
            } catch let error as ModelError {
                throw CLIError.input("research retrain: \(error)")
            }
            let trainSeconds = MonotonicClock.seconds(since: trainStarted)
            let trainCPUSeconds = Self.cpuSeconds() - trainCPUStarted
            if !phases.isEmpty {
                phases[phases.count - 1].seconds = MonotonicClock.seconds(since: phaseStarted)
                phases[phases.count - 1].cpuSeconds = Self.cpuSeconds() - phaseCPUStarted
            }
            let batches = (0..<inferenceHours).map {
                samples.inferenceBatch(symbolCount: inferenceSymbols, start: $0 * 7)
            }
            var timed = ensemble
            timed.inferenceThreads = workers
            let inferStarted = MonotonicClock.now()
            let inferCPUStarted = Self.cpuSeconds()
            for batch in batches {
                _ = try timed.predict(
                    features: batch.features, windows: batch.windows, trustWeights: ensemble.uniformTrustWeights,
                    regimes: batch.regimes)
            }
            let inferMilliseconds = MonotonicClock.seconds(since: inferStarted) * 1000 / Double(inferenceHours)
            let inferCPUMilliseconds = (Self.cpuSeconds() - inferCPUStarted) * 1000 / Double(inferenceHours)
            let perKind = try inferencePerKind(ensemble, batches)
            if global.json {
                Console.printJSON(
                    .object([
                        "samples": .int(Int64(samples.labels.count)), "feature_seconds": .double(featureSeconds),
                        "retrain_seconds": .double(trainSeconds), "inference_symbols": .int(Int64(inferenceSymbols)),
                        "workers": .int(Int64(workers)),
                        "inference_ms_per_hour": .double(inferMilliseconds),
                        "models": .array(ensemble.artifacts.map { .string($0.kind.rawValue) }),
                        "ensemble_sha256": .string(ensemble.sha256.description),
                        "retrain_cpu_seconds": .double(trainCPUSeconds),
                        "inference_cpu_ms_per_hour": .double(inferCPUMilliseconds),
                        "retrain_seconds_by_phase": .object(
                            Dictionary(uniqueKeysWithValues: phases.map { ($0.name, .double($0.seconds)) })),
                        "retrain_cpu_seconds_by_phase": .object(
                            Dictionary(uniqueKeysWithValues: phases.map { ($0.name, .double($0.cpuSeconds)) })),
                        "inference_ms_per_hour_by_kind": .object(
                            Dictionary(uniqueKeysWithValues: perKind.map { ($0.kind, .double($0.milliseconds)) })),
                        "inference_cpu_ms_per_hour_by_kind": .object(
                            Dictionary(uniqueKeysWithValues: perKind.map { ($0.kind, .double($0.cpuMilliseconds)) })),
                    ]))
            } else {
                Console.print(
                    "retrained \(ensemble.artifacts.count) models on \(samples.labels.count) samples in "
                        + String(format: "%.2f s (features %.2f s); ", trainSeconds, featureSeconds)
                        + String(
                            format: "inference %.3f ms per hour for %d symbols", inferMilliseconds,
                            inferenceSymbols))
            }
        }
    }
}
