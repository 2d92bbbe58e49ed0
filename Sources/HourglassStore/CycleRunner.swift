import HourglassCore

/// What executing an hour did.
public enum ExecuteOutcome: Sendable {
    /// The hour was computed and committed.
    case executed(manifest: HourManifest, manifestText: String, eventCount: Int)
    /// The hour was already done: nothing was appended; here is the stored manifest.
    case alreadyDone(StoredHour)
}

/// What replaying an hour found.
public enum ReplayOutcome: Sendable {
    /// Every event and the state hash reproduced byte for byte.
    case match(stateSha256: String, eventCount: Int)
    /// Something differs; the first difference is described.
    case diverged(ReplayDivergence)
}

/// The first difference a replay found in an hour.
public struct ReplayDivergence: Sendable, CustomStringConvertible {
    public var hourTs: UTCTimestamp
    /// What differs: `event`, `state`, `prev_state` or `manifest`.
    public var kind: String
    /// The differing event, when `kind == "event"`.
    public var event: EventDivergence?
    /// Stored and replayed values for state, prev_state and manifest divergences.
    public var stored: String?
    public var replayed: String?

    public var description: String {
        if let event { return "\(hourTs) \(kind): \(event)" }
        return "\(hourTs) \(kind): stored \(stored ?? "-"), replayed \(replayed ?? "-")"
    }
}

/// Runs the pure reducer against the log: execute an hour (read inputs, step, append atomically)
/// or replay one (step again from the stored state and compare byte for byte).
public struct CycleRunner {
    public let log: EventLog
    public let store: RunStore
    /// Take a state snapshot after every hour whose index from the run start is a multiple of this
    /// (and always when asked to). 1 = every hour.
    public var snapshotEveryHours: Int64
    /// BACKTEST hours committed per transaction by `executeHour` (1 = each hour on its own).
    /// Above 1, hours are stepped in memory and committed together (see `executeBatched`);
    /// PAPER and LIVE always commit each hour durably on its own.
    public var backtestBatchHours: Int
    /// Hears one line per model training step (the CLI shows it on a terminal).
    public var progress: @Sendable (String) -> Void = { _ in }
    let batch = HourBatch()
    /// The retrainings this runner performed and their seconds.
    public let training = TrainingTally()
    /// The runs' trained ensembles (read from their model streams, cached).
    let modelStore = ModelArtifactStore()

    /// Creates a runner over `log`.
    public init(log: EventLog, snapshotEveryHours: Int64 = 1, backtestBatchHours: Int = 1) {
        precondition(
            backtestBatchHours >= 1 && backtestBatchHours <= Self.backtestBatchHoursMax,
            "backtestBatchHours must be 1...\(Self.backtestBatchHoursMax)")
        self.log = log
        self.store = RunStore(log: log)
        self.snapshotEveryHours = snapshotEveryHours
        self.backtestBatchHours = backtestBatchHours
    }

    /// The largest batch: bounds the memory held and the size of one transaction.
    public static let backtestBatchHoursMax = 4096

    /// The model set a run uses; refuses when it no longer hashes to what the run recorded.
    public func models(for run: RunRecord) throws -> ModelSet {
        let models = ModelSet.baseline(config: run.config)
        guard models.sha256 == run.started.modelSetSha256 else {
            throw RunStoreError.modelSetMismatch(
                runId: run.context.runId, recorded: run.started.modelSetSha256.hex, current: models.sha256.hex)
        }
        return models
    }

    /// The model set active at `hourTs`: the run's rule models, or its ensemble set holding the models of the
    /// hour's own `ModelTrained` inputs (a retrain hour) or else of the latest retraining before it; no
    /// trained ensemble before the first retraining that succeeded. Throws `ModelStoreError` when an
    /// artifact is missing or corrupt.
    public func models(for run: RunRecord, hourTs: UTCTimestamp, inputs: HourInputs) throws -> ModelSet {
        let base = try models(for: run)
        guard base.usesEnsemble else { return base }
        let events =
            inputs.modelsTrained.isEmpty
            ? try modelStore.latest(log: log, runId: run.context.runId, atOrBefore: hourTs) : inputs.modelsTrained
        guard !events.isEmpty else { return base }
        return base.with(
            ensemble: try modelStore.ensemble(connection: log.connection, runId: run.context.runId, events: events))
    }

    /// `inputs` of `hourTs` with the hour's `ModelTrained` events when it is a retrain hour of an ensemble
    /// run: those already in the run's model stream (a resumed hour), else a new retraining on bars before
    /// the hour, appended (with its artifacts) before the hour executes. Returns the inputs and their seqs.
    func withTrainedModels(run: RunRecord, hourTs: UTCTimestamp, inputs: HourInputs, seqs: [Int64]) throws -> (
        HourInputs, [Int64]
    ) {
        let strategy = run.config.strategy
        guard strategy.usesEnsemble, strategy.retrain.isRetrainHour(hourTs, startHourTs: run.startHourTs) else {
            return (inputs, seqs)
        }
        var trained = try modelStore.trained(log: log, runId: run.context.runId, at: hourTs)
        if trained.isEmpty,
            let result = try timedTraining(run: run, hourTs: hourTs)
        {
            // The batch committing on its own thread goes first, so the log's order is that of
            // committing each batch before stepping the next.
            try waitForCommit()
            let appended = try modelStore.append(log: log, run: run, result: result)
            trained = Array(zip(result.events, appended))
        }
        var out = inputs
        out.modelsTrained = trained.map(\.0)
        return (out, seqs + trained.map(\.1))
    }

    /// One retraining at `hourTs`, announced and timed on `progress` and counted in `training`.
    private func timedTraining(run: RunRecord, hourTs: UTCTimestamp) throws -> ModelTraining.Result? {
        let kinds = run.config.strategy.ensembleKinds.count
        progress("retraining ensemble at \(hourTs) (\(kinds) base kinds and the meta-learner)…")
        let clock = ContinuousClock()
        let started = clock.now
        let result = try ModelTraining(log: log).train(config: run.config, retrainHour: hourTs, progress: progress)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        training.add(seconds: seconds)
        progress(
            "retrained ensemble at \(hourTs) in \((seconds * 10).rounded() / 10) s"
                + (result == nil ? " (not trained: too few samples)" : ""))
        return result
    }

    /// Starts a run (appends `RunStarted`), or returns the existing one after checking it matches.
    public func startRun(context: RunContext, config: EngineConfig, startHourTs: UTCTimestamp) throws -> RunRecord {
        if let existing = try store.run(context.runId) {
            try Self.check(existing, matches: context, config: config)
            return existing
        }
        let (_, started) = HourCycle.start(
            run: context, config: config, models: ModelSet.baseline(config: config), startHour: startHourTs,
            warmUpBars: try store.warmUpBars(config: config, startHour: startHourTs))
        let stream = RunRecord.stream(runId: context.runId)
        do {
            try log.withAppendTransaction(context: "start run \(context.runId)") { session in
                try session.check(stream: stream, expected: .noStream)
                // hour_ts_utc stays NULL: RunStarted belongs to no hour, so no hour's replay reads it.
                let headers = try session.append([
                    PendingEvent(
                        stream: stream, runId: context.runId, accountId: context.accountId,
                        hourTs: nil, event: .runStarted(started))
                ])
                try session.connection.execute(
                    """
                    INSERT INTO runs (run_id, account_id, run_mode, start_hour_ts_utc, engine_version, config_sha256, model_set_sha256, seq)
                    VALUES ($1::uuid, $2, $3, to_timestamp($4), $5, $6, $7, $8)
                    """,
                    [
                        .text(context.runId), .text(context.accountId), .text(context.runMode.rawValue),
                        .int64(startHourTs.secondsSinceEpoch), .text(started.engineVersion),
                        .text(started.configSha256.hex),
                        .text(started.modelSetSha256.hex), .int64(headers[0].seq),
                    ], context: "record run")
            }
        } catch EventLogError.wrongExpectedVersion {
            // Another process started the same run first: use theirs if it matches.
        }
        guard let record = try store.run(context.runId) else { throw RunStoreError.unknownRun(context.runId) }
        try Self.check(record, matches: context, config: config)
        return record
    }

    public static func check(_ record: RunRecord, matches context: RunContext, config: EngineConfig?) throws {
        if record.context.accountId != context.accountId {
            throw RunStoreError.runAccountMismatch(
                runId: context.runId, recorded: record.context.accountId, given: context.accountId)
        }
        if record.context.runMode != context.runMode {
            throw RunStoreError.runModeMismatch(
                runId: context.runId, recorded: record.context.runMode.rawValue, given: context.runMode.rawValue)
        }
        if let config, config.sha256 != record.config.sha256 {
            throw RunStoreError.configMismatch(
                runId: context.runId, recorded: record.config.sha256.hex, given: config.sha256.hex)
        }
    }

    /// The state after the hour before `hourTs` (the run's warmed-up initial state at its first hour).
    /// Uses the nearest snapshot and re-runs the hours after it from their recorded inputs,
    /// checking every state hash against its manifest.
    public func stateBefore(run: RunRecord, hourTs: UTCTimestamp) throws -> EngineState {
        if hourTs == run.startHourTs { return try initialState(run: run) }
        let previousHour = hourTs.adding(hours: -1)
        guard try store.hour(runId: run.context.runId, hourTs: previousHour) != nil else {
            throw RunStoreError.previousHourMissing(
                runId: run.context.runId, hour: hourTs,
                lastDone: try store.lastExecutedHour(runId: run.context.runId))
        }
        var state: EngineState
        var next: UTCTimestamp
        if let snapshot = try store.latestSnapshotHour(runId: run.context.runId, atOrBefore: previousHour) {
            state = try store.state(runId: run.context.runId, after: snapshot)
            next = snapshot.hourTs.adding(hours: 1)
        } else {
            state = try initialState(run: run)
            next = run.startHourTs
        }
        if next <= previousHour {
            var stateSha256: Hash256? = nil
            for stored in try store.hours(runId: run.context.runId, from: next, through: previousHour) {
                let inputs = try store.inputsForReplay(runId: run.context.runId, hourTs: stored.hourTs)
                let modelSet = try models(for: run, hourTs: stored.hourTs, inputs: inputs)
                let result = HourCycle.step(
                    state: state, inputs: inputs, config: run.config, models: modelSet, run: run.context,
                    prevStateSha256: stateSha256, configSha256: run.configSha256)
                state = result.state
                stateSha256 = result.manifest.stateSha256
                guard result.manifest.stateSha256.hex == stored.stateSha256 else {
                    throw RunStoreError.snapshotMismatch(
                        runId: run.context.runId, hour: stored.hourTs, expected: stored.stateSha256,
                        found: result.manifest.stateSha256.hex)
                }
            }
        }
        return state
    }
}
