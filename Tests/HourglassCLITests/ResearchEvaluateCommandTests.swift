import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

/// `research evaluate` through the command line: an ensemble run against a momentum baseline on real Kraken
/// bars, the text table and the JSON agreeing, and usage errors for a malformed or unknown run id.
@Suite struct ResearchEvaluateCommandTests {
    static let ensembleRunId = "00000000-0000-4000-8000-0000000ea0c1"
    static let momentumRunId = "00000000-0000-4000-8000-0000000ea0c2"
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
    static let end = start.adding(hours: 71)

    @Test func anEnsembleRunIsEvaluatedAgainstTheMomentumBaselineInTextAndJSON() throws {
        let scratch = try Scratch("evaluate")
        defer { scratch.remove() }
        let database = try TestDatabase.create("evaluate_cli")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: Self.end)))
        let ensemble = try scratch.write(
            "ensemble.json",
            lines: [
                #"{"models": ["boost_leafwise", "random_forest"], "features": {"min_history_hours": 26},"#,
                #" "retrain": {"every_hours": 36, "training_window_hours": 500, "out_of_fold_groups": 3}}"#,
            ])
        let momentum = try scratch.write("momentum.json", lines: [#"{"models": ["momentum"]}"#])
        let window = [
            "--run-mode", "BACKTEST", "--start-hour-ts-utc", Self.start.iso8601, "--end-hour-ts-utc", Self.end.iso8601,
        ]
        try cli.succeed(
            ["execute-window", "--account-id", "ens"] + window + ["--run-id", Self.ensembleRunId, "--config", ensemble])
        try cli.succeed(
            ["execute-window", "--account-id", "mom"] + window + ["--run-id", Self.momentumRunId, "--config", momentum])
        let arguments = [
            "research", "evaluate", "--run-id", Self.ensembleRunId, "--baseline-run-id", Self.momentumRunId,
        ]
        let first = try cli.succeed(arguments + ["--json"])
        #expect(try cli.succeed(arguments + ["--json"]).stdout == first.stdout, "the evaluation is not deterministic")
        let json = try first.json()
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["run_id"] as? String == Self.ensembleRunId)
        #expect(run["first_hour_ts_utc"] as? String == Self.start.iso8601)
        #expect(run["last_hour_ts_utc"] as? String == Self.end.iso8601)
        let predictions = try #require(run["predictions"] as? [String: Any])
        let labelled = try #require(predictions["labelled"] as? Int)
        let excluded = try #require(predictions["excluded"] as? [String: Any])
        let beyond = try #require(excluded["beyond_window"] as? Int)
        #expect(labelled > 100 && beyond >= 4 * 24, "\(predictions)")
        let logLoss = try #require(predictions["log_loss"] as? Double)
        let baseLogLoss = try #require(predictions["base_rate_log_loss"] as? Double)
        #expect(predictions["beats_base_rate"] as? Bool == (logLoss < baseLogLoss))
        let calibration = try #require(predictions["calibration"] as? [[String: Any]])
        #expect(calibration.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == labelled)
        let strategy = try #require(run["strategy"] as? [String: Any])
        #expect(strategy["hours"] as? Int == 72)
        let hold = try #require(run["buy_and_hold_full"] as? [String: Any])
        #expect(hold["mean_invested_fraction"] as? Double ?? 0 > 0.9)
        let baseline = try #require(json["baseline"] as? [String: Any])
        #expect(baseline["run_id"] as? String == Self.momentumRunId)
        #expect(baseline["predictions"] is NSNull && baseline["model_predictions"] as? Int == 0)

        let text = try cli.succeed(arguments).stdout
        #expect(text.contains("labelled"), "\(text)")
        #expect(text.contains(String(format: "log loss %.4f (base rate %.4f)", logLoss, baseLogLoss)), "\(text)")
        #expect(text.contains("NO EDGE OUT OF SAMPLE") == !(logLoss < baseLogLoss), "\(text)")
        #expect(text.contains("buy-and-hold, same exposure") && text.contains("baseline (momentum)"), "\(text)")
    }

    @Test func aMalformedOrUnknownRunIdIsAUsageError() throws {
        let malformed = try CLI.run(["research", "evaluate", "--run-id", "not-a-uuid"], dsn: nil)
        #expect(malformed.status == 2, "\(malformed)")
        #expect(malformed.stderr.contains("--run-id"))
        let badBaseline = try CLI.run(
            ["research", "evaluate", "--run-id", Self.ensembleRunId, "--baseline-run-id", "x"], dsn: nil)
        #expect(badBaseline.status == 2 && badBaseline.stderr.contains("--baseline-run-id"), "\(badBaseline)")
        let database = try TestDatabase.create("evaluate_cli_unknown")
        defer { database.drop() }
        let scratch = try Scratch("evaluate-unknown")
        defer { scratch.remove() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let unknown = try cli.run(["research", "evaluate", "--run-id", Self.ensembleRunId])
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("run \(Self.ensembleRunId) does not exist"), "\(unknown)")
    }
}
