import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

/// `research cpcv` on three weeks of real Kraken bars of two symbols, ingested through `ingest-bars`.
@Suite struct ResearchCPCVCommandTests {
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
    static let end = UTCTimestamp.parse("2022-03-21T23:00:00Z")!
    /// Every base model of the ensemble, in kind order: the XGBoost kinds and the sequence models.
    static let models = ["boost_depthwise", "boost_leafwise", "lstm", "random_forest", "transformer"]
    /// 4 groups, 2 tested: C(4, 2) = 6 splits.
    static let splitCount = 6

    static func arguments(json: Bool) -> [String] {
        [
            "research", "cpcv", "--exchange", "kraken", "--symbols", "XBT/USD,ETH/USD",
            "--start-hour-ts-utc", start.iso8601, "--end-hour-ts-utc", end.iso8601,
            "--groups", "4", "--test-groups", "2", "--embargo-hours", "24", "--seed", "7",
        ] + (json ? ["--json"] : [])
    }

    @Test func theTablePrintsEveryFoldAndModelWithFiniteMetricsAndTheJSONIsDeterministic() throws {
        let scratch = try Scratch("cpcv")
        defer { scratch.remove() }
        let database = try TestDatabase.create("cpcv")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: Self.end)))

        let text = try cli.succeed(Self.arguments(json: false)).stdout
        let tableRows = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            .filter { $0.count == 16 && Self.models.contains($0[2]) }
        #expect(tableRows.count == Self.splitCount * Self.models.count, "\(text)")
        for fold in 0..<Self.splitCount {
            for model in Self.models {
                #expect(tableRows.contains { $0[0] == "\(fold)" && $0[2] == model }, "fold \(fold) \(model)")
            }
        }
        for row in tableRows {
            for column in [5, 6, 7, 8, 9, 11] {  // base rate, log losses, Brier scores, calibration error
                let value = try #require(Double(row[column]), "\(row)")
                #expect(value.isFinite && value >= 0, "\(row)")
            }
        }
        #expect(text.contains("probability of backtest overfitting: "))
        #expect(text.contains("NO MODEL BEATS THE BASE RATE") || text.contains("models beating the base rate"))

        let first = try cli.succeed(Self.arguments(json: true))
        let second = try cli.succeed(Self.arguments(json: true))
        #expect(first.stdout == second.stdout, "the study is not deterministic")
        let json = try first.json()
        let folds = try #require(json["folds"] as? [[String: Any]])
        #expect(folds.count == Self.splitCount * Self.models.count)
        for fold in folds {
            let logLoss = try #require(fold["log_loss"] as? Double)
            let baseLogLoss = try #require(fold["base_rate_log_loss"] as? Double)
            let brier = try #require(fold["brier_score"] as? Double)
            #expect(logLoss.isFinite && logLoss > 0 && baseLogLoss.isFinite && baseLogLoss > 0)
            #expect(brier >= 0 && brier <= 1)
            if let auc = fold["auc"] as? Double { #expect(auc >= 0 && auc <= 1) }
            if let psr = fold["probabilistic_sharpe"] as? Double { #expect(psr >= 0 && psr <= 1) }
            #expect((fold["test_count"] as? Int ?? 0) > 0 && (fold["train_count"] as? Int ?? 0) > 0)
        }
        let summaries = try #require(json["models"] as? [[String: Any]])
        #expect(summaries.compactMap { $0["model"] as? String } == Self.models)
        let anyBeats = try #require(json["any_model_beats_base_rate"] as? Bool)
        #expect(anyBeats == summaries.contains { $0["beats_base_rate"] as? Bool == true })
        #expect(anyBeats == !text.contains("NO MODEL BEATS THE BASE RATE"))
        if let pbo = json["probability_of_backtest_overfitting"] as? Double { #expect(pbo >= 0 && pbo <= 1) }
        #expect(json["probability_of_backtest_overfitting"] is Double, "two symbols × three weeks give PBO")
    }

    @Test func theMetaLearnerOrAnUnknownModelIsAUsageError() throws {
        for name in ["meta_logistic", "lstm,momentum"] {
            let outcome = try CLI.run(Self.arguments(json: false) + ["--models", name], dsn: nil)
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.stderr.contains(name.split(separator: ",").last!), "\(outcome)")
        }
    }

    /// The sequence models alone: every fold has both, with samples only where a 48-hour window exists, so
    /// the sample count is at most the tree-only study's on the same window.
    @Test func theSequenceModelsAloneScoreEveryFoldOnFullWindows() throws {
        let scratch = try Scratch("cpcv-seq")
        defer { scratch.remove() }
        let database = try TestDatabase.create("cpcv_seq")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: Self.end)))
        let sequence = try cli.succeed(Self.arguments(json: true) + ["--models", "transformer,lstm"]).json()
        let trees = try cli.succeed(Self.arguments(json: true) + ["--models", "random_forest"]).json()
        let folds = try #require(sequence["folds"] as? [[String: Any]])
        #expect(folds.count == Self.splitCount * 2)
        #expect(Set(folds.compactMap { $0["model"] as? String }) == ["lstm", "transformer"])
        for fold in folds {
            let logLoss = try #require(fold["log_loss"] as? Double)
            let mean = try #require(fold["mean_prediction"] as? Double)
            #expect(logLoss.isFinite && logLoss > 0 && mean > 0 && mean < 1, "\(fold)")
            #expect((fold["train_count"] as? Int ?? 0) > 0 && (fold["test_count"] as? Int ?? 0) > 0)
        }
        let sequenceSamples = try #require(sequence["sample_count"] as? Int)
        let treeSamples = try #require(trees["sample_count"] as? Int)
        // Each of the two symbols loses at most the 47 hours before its first full window (none when the
        // labeller's volatility warm-up already leaves them unlabelled).
        #expect(
            sequenceSamples <= treeSamples && sequenceSamples >= treeSamples - 2 * 47,
            "\(sequenceSamples) \(treeSamples)")
    }
}
