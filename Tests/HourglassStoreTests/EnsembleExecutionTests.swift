import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The trained ensemble inside the log, on a real PostgreSQL server and real Kraken bars: retraining at the
/// schedule's hours, artifacts in the blob table, `ModelTrained` inputs in the manifests, replay (from
/// genesis and from a snapshot, with a fresh runner), re-training to the same hashes, tampering, lookahead.
@Suite(.serialized)
struct EnsembleExecutionTests {
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
    static let hours: Int64 = 100
    static let run = RunContext(
        runId: "00000000-0000-4000-8000-00000000e501", accountId: "ensemble-test", runMode: .backtest)

    /// Two tree models (fast), retrained every 48 hours on the 600 hours before; features (so predictions)
    /// from the 30th hour of the run.
    static func config(every: Int = 48, minHistory: Int = 30) throws -> EngineConfig {
        try EngineConfig(
            json: try JSONValue.parse(
                """
                {"models": ["boost_depthwise", "random_forest"], "features": {"min_history_hours": \(minHistory)},
                 "retrain": {"every_hours": \(every), "training_window_hours": 600, "out_of_fold_groups": 3}}
                """))
    }

    static func modelTrained(_ log: EventLog, runId: String) throws -> [(ModelTrained, Int64)] {
        try log.read(afterSeq: 0, limit: 10_000, stream: ModelArtifactStore.stream(runId: runId)).map {
            guard case .modelTrained(let trained) = try $0.decode() else { fatalError("not ModelTrained") }
            return (trained, $0.header.seq)
        }
    }

    @Test func aWindowCrossingRetrainingsExecutesReplaysAndRetrainsToTheSameHashes() throws {
        let database = try TestDatabase.create("ensemble")
        defer { database.drop() }
        let log = EventLog(connection: try database.connect())
        let end = Self.start.adding(hours: Self.hours - 1)
        try CycleMarketData.ingest(into: log, from: Self.start, through: end.adding(hours: 24))
        let config = try Self.config()
        // Batched BACKTEST commits, snapshots every 24 hours; half the window, then a fresh runner resumes.
        let first = CycleRunner(log: log, snapshotEveryHours: 24, backtestBatchHours: 16)
        let run = try first.startRun(context: Self.run, config: config, startHourTs: Self.start)
        _ = try WindowExecutor(runner: first, run: run).run(from: Self.start, through: Self.start.adding(hours: 49))
        let second = CycleRunner(log: EventLog(connection: try database.connect()), snapshotEveryHours: 24)
        let totals = try WindowExecutor(runner: second, run: run).run(from: Self.start, through: end)
        #expect(totals.executed == 50 && totals.alreadyDone == 50)

        // Three retrainings (hours 0, 48, 96), each of two base models and the meta-learner.
        let trained = try Self.modelTrained(log, runId: run.context.runId)
        let retrainHours = Array(Set(trained.map(\.0.retrainHourTs))).sorted()
        #expect(retrainHours == [0, 48, 96].map { Self.start.adding(hours: $0) })
        #expect(trained.count == 9)
        #expect(Set(trained.map(\.0.kind)) == ["boost_depthwise", "meta_logistic", "random_forest"])
        for (event, _) in trained {
            #expect(event.trainingEndTs == event.retrainHourTs)
            #expect(event.trainingStartTs == event.retrainHourTs.adding(hours: -600))
            #expect(event.sampleCount > 500)
            #expect(event.engineVersion == HourCycle.engineVersion)
            #expect(event.featureSchemaSha256 == ModelTrained.featureSchemaSha256)
            let kind = try database.connect().execute(
                "SELECT kind FROM blobs WHERE sha256 = $1", [.bytes(event.artifactSha256.bytes)], context: "test")
            #expect(kind.rowCount == 1 && kind.string(0, 0) == ModelArtifactStore.blobKind)
        }
        // Each retrain hour names its ModelTrained events as inputs; the model-set hash follows the artifacts.
        let store = RunStore(log: log)
        var modelSetHashes: [String] = []
        for offset: Int64 in [0, 1, 47, 48, 49, 96] {
            let hour = Self.start.adding(hours: offset)
            let inputs = try store.inputsForReplay(runId: run.context.runId, hourTs: hour)
            #expect(inputs.modelsTrained.count == (offset % 48 == 0 ? 3 : 0), "hour +\(offset)")
            let manifest = try JSONValue.parse(
                try #require(try store.hour(runId: run.context.runId, hourTs: hour))
                    .manifestText)
            guard case .object(let fields) = manifest, case .string(let sha) = fields["model_set_sha256"] else {
                Issue.record("manifest without model_set_sha256")
                return
            }
            modelSetHashes.append(sha)
        }
        #expect(modelSetHashes[0] == modelSetHashes[1] && modelSetHashes[1] == modelSetHashes[2])
        #expect(modelSetHashes[2] != modelSetHashes[3] && modelSetHashes[3] == modelSetHashes[4])
        #expect(modelSetHashes[4] != modelSetHashes[5])
        #expect(modelSetHashes[0] != run.started.modelSetSha256.hex, "RunStarted holds the untrained set")
        // Every prediction names the artifacts it came from and records its feature vector.
        let predictions = try log.read(runId: run.context.runId, hourTs: Self.start.adding(hours: 50)).compactMap {
            if case .predictionMade(let p) = try $0.decode() { return p } else { return nil }
        }
        #expect(!predictions.isEmpty)
        let hour48 = Set(trained.filter { $0.0.retrainHourTs == Self.start.adding(hours: 48) }.map(\.0.artifactSha256))
        for prediction in predictions {
            let model = try #require(prediction.model)
            #expect(Set(model.artifacts.map(\.sha256)) == hour48)
            #expect(model.features.count == FeatureRow.columnNames.count)
        }
        // The meta-learner reads Thompson trust weights: fitted with them, fed the hour's draws, recorded. One
        // draw per kind and hour (the same for every symbol), fresh each hour, from posteriors that by hour 80
        // hold the outcomes of earlier calls.
        let metas = trained.filter { $0.0.kind == "meta_logistic" }
        #expect(metas.count == 3 && metas.allSatisfy { $0.0.hyperParameters.contains("\"trust_count\":2") })
        var drawsByHour: [TrustDraws] = []
        for offset: Int64 in [50, 51, 80] {
            let hourPredictions = try log.read(runId: run.context.runId, hourTs: Self.start.adding(hours: offset))
                .compactMap { if case .predictionMade(let p) = try $0.decode() { return p } else { return nil } }
            let draws = try hourPredictions.map { try #require($0.model?.trust) }
            #expect(!draws.isEmpty && draws.allSatisfy { $0 == draws[0] })
            #expect(draws[0].kinds == ["boost_depthwise", "random_forest"])
            #expect(abs(draws[0].weights.reduce(0, +) - 1) < 1e-12)
            drawsByHour.append(draws[0])
        }
        #expect(drawsByHour[0].draws != drawsByHour[1].draws)
        #expect(drawsByHour[2].alphas.allSatisfy { $0 > 1.5 } && drawsByHour[2].betas.allSatisfy { $0 > 1.5 })

        // Replay with a fresh runner (artifacts loaded from the blob table): from genesis and from a snapshot.
        let replayer = CycleRunner(log: EventLog(connection: try database.connect()))
        var serialHours: [String] = []
        let genesis = try WindowReplayer(runner: replayer, run: run).replay(
            from: Self.start, through: end, fromGenesis: true
        ) { text, matched, events in serialHours.append("\(matched) \(events) \(text)") }
        #expect(genesis.divergence == nil)
        #expect(genesis.hoursMatched == Int(Self.hours))
        // --jobs 2 and 3: parts start after the snapshots of hours 48 (jobs 2), 24 and 72 (jobs 3), so each later
        // part loads the stored artifacts of the retraining before it; the same manifests, hour for hour.
        for jobs in [2, 3] {
            var hours: [String] = []
            let parallel = try ParallelWindowReplayer(
                runner: CycleRunner(log: EventLog(connection: try database.connect())), run: run, dsn: database.dsn,
                jobs: jobs
            ).replay(from: Self.start, through: end, fromGenesis: true) { text, matched, events in
                hours.append("\(matched) \(events) \(text)")
            }
            #expect(parallel.divergence == nil, "jobs \(jobs)")
            #expect(hours == serialHours, "jobs \(jobs): the same manifests in order")
            #expect(parallel.lastStateSha256 == genesis.lastStateSha256, "jobs \(jobs)")
        }
        let fromSnapshot = try WindowReplayer(runner: CycleRunner(log: log), run: run).replay(
            from: Self.start.adding(hours: 60), through: end, fromGenesis: false
        ) { _, _, _ in }
        #expect(fromSnapshot.divergence == nil)
        let (hourOutcome, _) = try CycleRunner(log: log).replayHour(run: run, hourTs: Self.start.adding(hours: 48))
        guard case .match = hourOutcome else {
            Issue.record("the retrain hour should replay to MATCH, got \(hourOutcome)")
            return
        }
        // --retrain: every training again, the same artifact hashes.
        let retrained = try CycleRunner(log: log).verifyRetraining(run: run, from: Self.start, through: end)
        #expect(retrained.mismatch == nil)
        #expect(retrained.retrainHours.count == 3)
        #expect(retrained.modelsMatched == 9)
    }

    @Test func aTamperedArtifactBlobIsDetected() throws {
        let database = try TestDatabase.create("ensemble_tamper")
        defer { database.drop() }
        let log = EventLog(connection: try database.connect())
        try CycleMarketData.ingest(into: log, from: Self.start, through: Self.start.adding(hours: 30))
        let runner = CycleRunner(log: log)
        let run = try runner.startRun(context: Self.run, config: try Self.config(), startHourTs: Self.start)
        _ = try WindowExecutor(runner: runner, run: run).run(from: Self.start, through: Self.start.adding(hours: 3))
        let (trained, _) = try #require(try Self.modelTrained(log, runId: run.context.runId).first)
        let admin = try database.connect()
        try admin.executeUnsafe(script: "ALTER TABLE blobs DISABLE TRIGGER USER", context: "disable triggers")
        let changed = try admin.execute(
            "UPDATE blobs SET data = set_byte(data, 20, get_byte(data, 20) # 1) WHERE sha256 = $1",
            [.bytes(trained.artifactSha256.bytes)], context: "tamper")
        #expect(changed.affectedRows == 1)
        #expect {
            _ = try WindowReplayer(runner: CycleRunner(log: log), run: run).replay(
                from: Self.start, through: Self.start.adding(hours: 3), fromGenesis: true
            ) { _, _, _ in }
        } throws: { error in
            guard case ModelStoreError.corruptArtifact(_, let hour, let kind, _) = error else { return false }
            return hour == Self.start && kind == trained.kind
        }
        // A deleted artifact is named as missing.
        try admin.execute("DELETE FROM blobs WHERE sha256 = $1", [.bytes(trained.artifactSha256.bytes)], context: "rm")
        #expect {
            _ = try CycleRunner(log: log).replayHour(run: run, hourTs: Self.start.adding(hours: 2))
        } throws: { error in
            guard case ModelStoreError.missingArtifact(_, _, let kind, let sha) = error else { return false }
            return kind == trained.kind && sha == trained.artifactSha256.hex
        }
    }

    /// Train and predict at H (the run's second retrain hour, with features), then change every bar after H
    /// in a second database: every artifact and H's predictions are byte-identical.
    @Test func changingEveryBarAfterTheRetrainHourChangesNothingAtIt() throws {
        let hour = Self.start.adding(hours: 24)
        let honest = try TestDatabase.create("ensemble_honest")
        defer { honest.drop() }
        let altered = try TestDatabase.create("ensemble_altered")
        defer { altered.drop() }
        let honestLog = EventLog(connection: try honest.connect())
        try CycleMarketData.ingest(into: honestLog, from: Self.start, through: hour.adding(hours: 200))
        let alteredLog = EventLog(connection: try altered.connect())
        try CycleMarketData.ingest(into: alteredLog, from: Self.start, through: hour)
        // The altered future: every later bar's prices doubled and volume tripled.
        for pair in CycleMarketData.pairs {
            let text = try CycleMarketData.slice(
                pair.file, from: hour.adding(hours: 1), through: hour.adding(hours: 200))
            let parsed = try BarCSVParser.parse(
                Array(text.utf8), fileName: pair.file, format: .ohlcv, exchange: "kraken", symbol: pair.symbol,
                intervalSeconds: 3600)
            let changed = parsed.bars.map { bar in
                var bar = bar
                bar.openPrice = bar.openPrice.multiplied(byInteger: 2)
                bar.highPrice = bar.highPrice.multiplied(byInteger: 2)
                bar.lowPrice = bar.lowPrice.multiplied(byInteger: 2)
                bar.closePrice = bar.closePrice.multiplied(byInteger: 2)
                bar.volumeBase = bar.volumeBase.multiplied(byInteger: 3)
                return bar
            }
            _ = try BarIngestor(log: alteredLog).ingest(changed)
        }
        var outputs: [[[UInt8]]] = []
        var artifacts: [[String]] = []
        for log in [honestLog, alteredLog] {
            let runner = CycleRunner(log: log)
            let config = try Self.config(every: 24, minHistory: 25)
            let run = try runner.startRun(context: Self.run, config: config, startHourTs: Self.start)
            _ = try WindowExecutor(runner: runner, run: run).run(from: Self.start, through: hour)
            artifacts.append(
                try Self.modelTrained(log, runId: run.context.runId).map { "\($0.0.kind) \($0.0.artifactSha256.hex)" })
            outputs.append(
                try log.read(runId: run.context.runId, hourTs: hour).map { try $0.decode() }.filter {
                    if case .predictionMade = $0 { return true } else { return false }
                }.map(\.canonicalBytes))
        }
        #expect(artifacts[0].count == 6)
        #expect(artifacts[0] == artifacts[1])
        #expect(!outputs[0].isEmpty)
        #expect(outputs[0] == outputs[1])
        // The trust draws at H are part of those bytes (calls of H − 24h meet closes of H, nothing later).
        for bytes in outputs[0] {
            let prediction = try PredictionMade.decode(canonical: bytes)
            #expect(prediction.model?.trust != nil)
        }
    }
}
