import ArgumentParser
import Foundation
import HourglassCore
import HourglassModels
import HourglassStore

/// `hourglass research cpcv`: combinatorial purged cross-validation of every base model over a window.
struct ResearchCPCVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpcv",
        abstract: "Combinatorial purged cross-validation of the models on triple-barrier labels over a window.",
        discussion: """
            Reads the window's bars (plus the warm-up before it) from the bar projection, computes the \
            reducer's features hour by hour, labels every hour with the triple barrier (24 h, ±1σ) and \
            scores every split × model: log loss, Brier score, AUC and calibration against the base rate, \
            and a long-only strategy (p ≥ the fixed threshold) net of fees with its probabilistic and \
            deflated Sharpe ratio; then the probability of backtest overfitting across the models. \
            The models are the ensemble's base models: the three XGBoost kinds, the LSTM and the Transformer. \
            With a sequence model in --models, only hours with a full 48-hour window of their symbol are \
            samples (for every model); each sequence model trains on at most its recorded sample_limit \
            windows of the split's training set (LSTM 4096, Transformer 2048: a seeded subset) and predicts \
            every test window. Nothing is written.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var window: ResearchWindowOptions

    @Option(help: "Contiguous groups N.")
    var groups: Int = 6

    @Option(help: "Test groups k per split (0 < k < N).")
    var testGroups: Int = 2

    @Option(help: "Embargo after each test group, in hours.")
    var embargoHours: Int64 = 24

    @Option(help: "Comma-separated models: boost_depthwise, boost_leafwise, lstm, random_forest, transformer.")
    var models: String = CPCVStudy.supportedModels.map(\.rawValue).joined(separator: ",")

    @Option(help: "Probability at or above which the strategy enters (fixed in advance, never tuned).")
    var threshold: Double = 0.55

    var modelList: [ModelKind] { models.split(separator: ",").compactMap { ModelKind(rawValue: String($0)) } }

    func validate() throws {
        for name in models.split(separator: ",") {
            guard let kind = ModelKind(rawValue: String(name)), CPCVStudy.supportedModels.contains(kind) else {
                throw ValidationError(
                    "--models: \(name) is not one of "
                        + CPCVStudy.supportedModels.map(\.rawValue).joined(separator: ", ") + ".")
            }
        }
        if testGroups < 1 || testGroups >= groups {
            throw ValidationError("Please specify 0 < --test-groups < --groups.")
        }
        if embargoHours < 0 { throw ValidationError("Please specify --embargo-hours of 0 or more.") }
        if !(threshold > 0 && threshold < 1) { throw ValidationError("Please specify --threshold in (0, 1).") }
    }

    func run() throws {
        try runReportingErrors {
            let config = EngineConfig.default
            let timeline = FeatureTimeline(config: config)
            let start = window.start
            let end = window.end
            let bars = try window.bars(global, warmUpHours: timeline.warmUpHours)
            for (symbol, series) in zip(window.symbolList, bars) where series.isEmpty {
                throw CLIError.input(
                    "no stored bars of \(window.exchange) \(symbol) in the window "
                        + "(ingest them with ingest-bars)")
            }
            let study = CPCVStudy(
                cv: CombinatorialPurgedCV(
                    groupCount: groups, testGroupCount: testGroups,
                    embargoHours: embargoHours),
                models: modelList, threshold: threshold, feeRate: config.feeRate.doubleValue,
                seed: window.seed)
            let showProgress = isatty(STDERR_FILENO) == 1
            let result: CPCVStudyResult
            do {
                result = try study.run(bars: bars, from: start, through: end, timeline: timeline) { line in
                    if showProgress { Console.progress(line) }
                }
            } catch let error as ModelError {
                throw CLIError.input("research cpcv: \(error)")
            }
            if global.json {
                Console.printJSON(result.json(threshold: threshold))
            } else {
                Console.print(result.text(threshold: threshold))
            }
        }
    }
}
