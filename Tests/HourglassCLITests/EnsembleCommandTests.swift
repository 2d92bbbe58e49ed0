import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The ensemble through the command line: `execute-window` with an ensemble config crossing three
/// retrainings, `replay-window --retrain` MATCH, `events tail` and `explain-hour` showing the model events,
/// and a tampered artifact blob stopping `replay-window` with exit 1.
@Suite struct EnsembleCommandTests {
    static let runId = "00000000-0000-4000-8000-0000000e5e3b"
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
    static let end = start.adding(hours: 59)

    @Test func anEnsembleWindowReplaysRetrainsAndExplainsItself() throws {
        let scratch = try Scratch("ensemble")
        defer { scratch.remove() }
        let database = try TestDatabase.create("ensemble_cli")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: Self.end)))
        let config = try scratch.write(
            "ensemble.json",
            lines: [
                #"{"models": ["boost_leafwise", "random_forest"], "features": {"min_history_hours": 26},"#,
                #" "retrain": {"every_hours": 24, "training_window_hours": 500, "out_of_fold_groups": 3}}"#,
            ])
        let window = [
            "--account-id", "ens", "--run-mode", "BACKTEST", "--start-hour-ts-utc", Self.start.iso8601,
            "--end-hour-ts-utc", Self.end.iso8601,
        ]
        let executed = try cli.succeed(
            ["execute-window", "--json"] + window + ["--run-id", Self.runId, "--config", config]
        ).json()
        #expect(executed["retrainings"] as? Int == 3, "\(executed)")
        let trainingSeconds = try #require(executed["training_seconds"] as? Double)
        #expect(trainingSeconds > 0 && trainingSeconds <= (executed["seconds"] as? Double ?? 0))
        let replay = try cli.succeed(["replay-window", "--json", "--retrain"] + window)
        let report = try replay.json()
        #expect(report["result"] as? String == "MATCH")
        let retrain = try #require(report["retrain"] as? [String: Any])
        #expect(retrain["result"] as? String == "MATCH")
        #expect((retrain["retrain_hours"] as? [Any])?.count == 3)
        #expect(retrain["models_matched"] as? Int == 9)

        let tail = try cli.succeed(["events", "tail", "--stream", "models.\(Self.runId)", "--limit", "3"])
        let lines = tail.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains("ModelTrained") && $0.contains("artifact_sha256") })

        let explained = try cli.succeed(
            [
                "explain-hour", "--run-id", Self.runId, "--account-id", "ens", "--hour-ts-utc",
                Self.start.adding(hours: 48).iso8601,
            ])
        #expect(explained.stdout.contains("model trained boost_leafwise"))
        #expect(explained.stdout.contains("model trained meta_logistic"))
        #expect(explained.stdout.contains("meta p "))
        #expect(explained.stdout.contains("return_1h "))
        // The hour's Thompson trust draws: in explain-hour's model step and in the PredictionMade JSON.
        #expect(explained.stdout.contains("trust    boost_leafwise Beta("))
        #expect(explained.stdout.contains("random_forest Beta(") && explained.stdout.contains(" weight "))
        let runTail = try cli.succeed(["events", "tail", "--stream", "run.\(Self.runId)", "--limit", "40"])
        let predictions = runTail.stdout.split(separator: "\n").filter { $0.contains("PredictionMade") }
        #expect(!predictions.isEmpty)
        #expect(predictions.allSatisfy { $0.contains(#""trust":{"boost_leafwise":{"alpha":"#) })

        // Tamper with one stored artifact: replay names it and exits 1.
        let connection = try database.connect()
        try connection.executeUnsafe(script: "ALTER TABLE blobs DISABLE TRIGGER USER", context: "test")
        let changed = try connection.execute(
            "UPDATE blobs SET data = set_byte(data, 40, get_byte(data, 40) # 1) WHERE kind = 'model-artifact' "
                + "AND sha256 = (SELECT sha256 FROM blobs WHERE kind = 'model-artifact' ORDER BY sha256 LIMIT 1)",
            context: "test: tamper")
        #expect(changed.affectedRows == 1)
        let tampered = try cli.run(["replay-window"] + window)
        #expect(tampered.status == 1, "\(tampered)")
        #expect(tampered.stderr.contains("model artifact") && tampered.stderr.contains("corrupt"))
    }
}
