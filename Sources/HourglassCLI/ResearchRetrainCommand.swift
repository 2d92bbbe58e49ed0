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

    func validate() throws {
        if inferenceSymbols < 1 || inferenceHours < 1 {
            throw ValidationError("Please specify --inference-symbols and --inference-hours of 1 or more.")
        }
    }

    func run() throws {
        try runReportingErrors {
            let timeline = FeatureTimeline(config: .default)
            let start = window.start
            let end = window.end
            let bars = try window.bars(global, warmUpHours: timeline.warmUpHours)
            let showProgress = isatty(STDERR_FILENO) == 1
            let retraining = EnsembleRetraining(seed: window.seed)
            let featuresStarted = MonotonicClock.now()
            let rows = timeline.rows(bars: bars, from: start, through: end)
            let samples = retraining.samples(rows: rows, bars: bars.map { $0.filter { $0.openTs >= start } })
            let featureSeconds = MonotonicClock.seconds(since: featuresStarted)
            let trainStarted = MonotonicClock.now()
            let ensemble: ModelEnsemble
            do {
                ensemble = try retraining.train(samples) { line in if showProgress { Console.progress(line) } }
            } catch let error as ModelError {
                throw CLIError.input("research retrain: \(error)")
            }
            let trainSeconds = MonotonicClock.seconds(since: trainStarted)
            let batches = (0..<inferenceHours).map {
                samples.inferenceBatch(symbolCount: inferenceSymbols, start: $0 * 7)
            }
            let inferStarted = MonotonicClock.now()
            for batch in batches {
                _ = try ensemble.predict(
                    features: batch.features, windows: batch.windows, trustWeights: [],
                    regimes: batch.regimes)
            }
            let inferMilliseconds = MonotonicClock.seconds(since: inferStarted) * 1000 / Double(inferenceHours)
            if global.json {
                Console.printJSON(
                    .object([
                        "samples": .int(Int64(samples.labels.count)), "feature_seconds": .double(featureSeconds),
                        "retrain_seconds": .double(trainSeconds), "inference_symbols": .int(Int64(inferenceSymbols)),
                        "inference_ms_per_hour": .double(inferMilliseconds),
                        "models": .array(ensemble.artifacts.map { .string($0.kind.rawValue) }),
                        "ensemble_sha256": .string(ensemble.sha256.description),
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
