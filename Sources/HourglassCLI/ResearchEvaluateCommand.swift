import ArgumentParser
import HourglassStore

/// `hourglass research evaluate`: a run's out-of-sample evidence from its own log.
struct ResearchEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a run's meta-learner out of sample and compare its strategy with buy-and-hold.",
        discussion: """
            Reads every PredictionMade the run recorded with the ensemble's model section (each made by models \
            trained strictly before it), labels it with the triple barrier the training uses (24 h, ±1σ of the \
            168 bars before, upper barrier first = 1) from the stored bars through the run's last hour, and \
            reports AUC, log loss and Brier score against the base rate, with calibration buckets. A \
            prediction whose 24-hour horizon runs past the run's last hour is excluded and counted. Then the \
            run's return, Sharpe, deflated Sharpe (PSR against 0) and max drawdown net of fees, and \
            buy-and-hold of the same symbols (equal weights, the run's fee on entry and exit) at the run's mean \
            invested fraction and fully invested; the same for --baseline-run-id (e.g. the momentum rule). \
            Nothing is written.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var runIdOptions: RunIdOptions

    @Option(help: "A baseline run's UUID (e.g. the momentum rule over the same window), evaluated the same way.")
    var baselineRunId: String?

    func validate() throws {
        if let baselineRunId, !UUIDText.isValid(baselineRunId) {
            throw ValidationError("Please specify --baseline-run-id as a UUID.")
        }
    }

    func run() throws {
        try runReportingErrors {
            let evaluation: RunEvaluation
            do {
                evaluation = try RunEvaluator(log: try global.openLog()).evaluate(
                    runId: runIdOptions.runId, baselineRunId: baselineRunId)
            } catch let error as RunResolutionError {
                throw CLIError.input("research evaluate: \(error)")
            }
            if global.json {
                Console.printJSON(evaluation.json)
            } else {
                Console.print(evaluation.text)
            }
        }
    }
}
