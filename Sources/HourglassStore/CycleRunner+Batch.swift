import HourglassCore

/// BACKTEST hours a `CycleRunner` has stepped but not committed yet, the inputs it read ahead for
/// them, and the batch committing on its own thread. A reference type, so the copies of a runner
/// share one batch.
final class HourBatch {
    /// One stepped hour, with everything its commit writes.
    struct Hour {
        var hourTs: UTCTimestamp
        var events: [DomainEvent]
        /// `events` ready to append, prepared on the stepping thread (which waits for the commit
        /// thread otherwise): their payloads are the bytes the reducer encoded for the manifest's digest
        /// (`HourResult.outputEventBytes`; only `HourClosed` is encoded here), hashed.
        var pending: [PendingEvent]
        var manifest: HourManifest
        var manifestText: String
        var inputSeqs: [Int64]
        /// The snapshot of the state after the hour, when it gets one: encoded, hashed and compressed
        /// on the stepping thread (which waits for the commit thread otherwise), so the batch keeps
        /// no second reference to the state (whose windows the next hour then advances in place).
        var snapshot: BlobStore.Prepared?
    }

    var run: RunRecord?
    var hours: [Hour] = []
    /// Inputs read ahead, by hour (seconds since the epoch).
    var inputs: [Int64: (HourInputs, [Int64])] = [:]
    /// The last hour stepped, pending or in flight (nil after a wait that found nothing more).
    var lastStepped: UTCTimestamp?
    /// The batch committing on its own thread, if any.
    var inFlight: BatchCommit?
    /// The last run's rule model set, checked against what it recorded (`CycleRunner.models(for:)`),
    /// with its run id and config hash: a rule-only run uses the same set every hour.
    var ruleModels: (runId: String, configSha256: Hash256, models: ModelSet)?
    /// The connection batches commit on (opened at the first commit, dropped after a failed one).
    var commitLog: EventLog?
    /// Runs on the commit thread inside each batch's transaction, just before COMMIT (tests use it
    /// to fail a commit while the next batch is being stepped).
    var beforeCommit: (@Sendable () throws -> Void)?
}

extension CycleRunner {
    /// `executeHour` in BACKTEST with `backtestBatchHours > 1`: steps the hour in memory and
    /// commits `backtestBatchHours` hours at a time in one transaction (and at once when the
    /// snapshot is forced, as at a window's last hour). A batch is all or nothing: after a crash
    /// the run resumes at the first hour of the batch that did not commit. An `.executed` hour is
    /// in the log once `commitPendingHours` has run (it runs before any other hour, run or a gap).
    func executeBatched(
        run: RunRecord, hourTs: UTCTimestamp, carried: consuming EngineState?, carriedSha256: Hash256?,
        forceSnapshot: Bool
    ) throws -> (ExecuteOutcome, EngineState?) {
        let isCarried = carried != nil
        let follows =
            isCarried && batch.run?.context.runId == run.context.runId
            && batch.lastStepped?.adding(hours: 1) == hourTs
        // Anything else reads the log for its state or its hour: everything stepped before must be in it.
        if !follows { try commitPendingHours() }
        if batch.hours.isEmpty, let done = try store.hour(runId: run.context.runId, hourTs: hourTs) {
            return (.alreadyDone(done), nil)
        }
        let state = try Self.take(consume carried) ?? stateBefore(run: run, hourTs: hourTs)
        let (read, readSeqs) = try readAhead(run: run, hourTs: hourTs)
        let (inputs, inputSeqs) = try withTrainedModels(run: run, hourTs: hourTs, inputs: read, seqs: readSeqs)
        // The state is consumed: its windows advance in place (the caller handed over its only copy).
        let result = HourCycle.step(
            state: consume state, inputs: inputs, config: run.config,
            models: try batchModels(run: run, hourTs: hourTs, inputs: inputs), run: run.context,
            prevStateSha256: isCarried ? carriedSha256 : nil, configSha256: run.configSha256)
        // The canonical JSON written field by field (the same bytes as `json.canonicalText`).
        let manifestText = String(decoding: result.manifest.canonicalUTF8, as: UTF8.self)
        let hourIndex = (hourTs.secondsSinceEpoch - run.startHourTs.secondsSinceEpoch) / UTCTimestamp.secondsPerHour
        let snapshot =
            forceSnapshot || snapshotEveryHours <= 1 || hourIndex % snapshotEveryHours == snapshotEveryHours - 1
        let prepared = try snapshot ? BlobStore.prepare(result.state.canonicalBytes) : nil
        batch.run = run
        batch.lastStepped = hourTs
        batch.hours.append(
            HourBatch.Hour(
                hourTs: hourTs, events: result.events,
                pending: Self.pendingEvents(run: run, hourTs: hourTs, result: result), manifest: result.manifest,
                manifestText: manifestText,
                inputSeqs: inputSeqs, snapshot: prepared))
        if forceSnapshot {
            try commitPendingHours()
        } else if batch.hours.count >= backtestBatchHours {
            try submitPendingHours()
        }
        return (
            .executed(manifest: result.manifest, manifestText: manifestText, eventCount: result.events.count),
            result.state
        )
    }

    /// The hour's output events as the log appends them, with the payloads `result` already holds.
    static func pendingEvents(run: RunRecord, hourTs: UTCTimestamp, result: HourResult) -> [PendingEvent] {
        precondition(result.outputEventBytes.count <= result.events.count, "bytes for the events before HourClosed")
        return result.events.enumerated().map { index, event in
            PendingEvent(
                stream: run.stream, runId: run.context.runId, accountId: run.context.accountId, hourTs: hourTs,
                eventType: event.eventType,
                payload: index < result.outputEventBytes.count ? result.outputEventBytes[index] : event.canonicalBytes)
        }
    }

    /// `models(for:hourTs:inputs:)`, with a rule-only run's set built and checked once instead of
    /// every hour (it depends on the run's config alone); an ensemble run's is looked up each hour.
    private func batchModels(run: RunRecord, hourTs: UTCTimestamp, inputs: HourInputs) throws -> ModelSet {
        if let cached = batch.ruleModels, cached.runId == run.context.runId, cached.configSha256 == run.configSha256 {
            return cached.models
        }
        let models = try models(for: run, hourTs: hourTs, inputs: inputs)
        if !models.usesEnsemble {
            batch.ruleModels = (run.context.runId, run.configSha256, models)
        }
        return models
    }

    /// The inputs of `hourTs`, read with the next `backtestBatchHours − 1` hours' when not read yet.
    /// Reading ahead happens only with no hour pending, and skips the operator events the batch in
    /// flight consumed, so no operator event is consumed twice.
    private func readAhead(run: RunRecord, hourTs: UTCTimestamp) throws -> (HourInputs, [Int64]) {
        if let inputs = batch.inputs.removeValue(forKey: hourTs.secondsSinceEpoch) { return inputs }
        // Pending hours go to the commit thread first; the batch in flight, if any, keeps committing.
        if !batch.hours.isEmpty { try submitPendingHours() }
        let hours = (0..<Int64(backtestBatchHours)).map { hourTs.adding(hours: $0) }
        let read = try store.inputsForExecution(run: run, hours: hours, excluding: batch.inFlight?.consumedSeqs ?? [])
        for (hour, inputs) in zip(hours, read) {
            batch.inputs[hour.secondsSinceEpoch] = inputs
        }
        return batch.inputs.removeValue(forKey: hourTs.secondsSinceEpoch)!
    }

    /// Commits every stepped BACKTEST hour not yet in the log and waits until they are: the
    /// batch in flight, then the pending hours, each batch in one transaction. When another
    /// process committed any hour of a batch meanwhile, that batch is refused whole
    /// (`executedConcurrently`) and nothing stepped after it is written, so no process reports
    /// hours it did not write. On an error the failed batch and the hours after it are dropped.
    public func commitPendingHours() throws {
        try submitPendingHours()
        try waitForCommit()
    }

    /// Hands the pending hours to a commit thread (over the runner's commit connection) and
    /// returns without waiting for them, once the batch before them has committed (its error is
    /// thrown here). The caller steps the next batch while this one is sent and committed.
    func submitPendingHours() throws {
        try waitForCommit()
        let hours = batch.hours
        batch.hours = []
        batch.inputs = [:]
        guard let run = batch.run, !hours.isEmpty else { return }
        let commitLog = try batch.commitLog ?? log.reopen()
        batch.commitLog = commitLog
        var consumed = Set<Int64>()
        for hour in hours { consumed.formUnion(hour.inputSeqs) }
        batch.inFlight = BatchCommit(
            consumedSeqs: consumed,
            work: BatchCommitWork(
                runner: self, log: commitLog, run: run, hours: hours, beforeCommit: batch.beforeCommit))
    }

    /// Waits for the batch in flight, if any. When it failed, drops the hours stepped on top of it
    /// (they follow a state that is not in the log) and the commit connection, and throws its error.
    func waitForCommit() throws {
        guard let commit = batch.inFlight else { return }
        batch.inFlight = nil
        do {
            try commit.wait()
        } catch {
            batch.hours = []
            batch.inputs = [:]
            batch.lastStepped = nil
            batch.commitLog = nil
            throw error
        }
    }

    /// Drops the pending hours and waits for the batch in flight without reporting its outcome:
    /// for a caller that is already failing (the batch in flight may still commit; it is whole).
    public func abandonPendingHours() {
        batch.hours = []
        batch.inputs = [:]
        batch.lastStepped = nil
        if let commit = batch.inFlight {
            batch.inFlight = nil
            _ = try? commit.wait()
        }
    }

    /// Commits `hours` of `run` over `log` in one transaction: one COPY of all their events, one
    /// COPY per projection table, their snapshots, one COPY of their manifests and one of their
    /// inputs. Runs on the commit thread; refuses the whole batch when any hour is already done.
    func commit(
        hours: [HourBatch.Hour], run: RunRecord, on log: EventLog, beforeCommit: (@Sendable () throws -> Void)?
    ) throws {
        guard let first = hours.first, let last = hours.last else { return }
        let runId = run.context.runId
        try log.withAppendTransaction(
            context: "execute \(hours.count) hours \(first.hourTs) … \(last.hourTs) of run \(runId)"
        ) { session in
            // As for one hour: a backtest hour can be recomputed from the log (see executeHour).
            // One round trip: the durability, then the snapshots' TOAST compression.
            try session.connection.executeUnsafe(
                script: "SET LOCAL synchronous_commit = off; \(Self.snapshotToastCompressionSQL)",
                context: "relax backtest durability")
            let doneRows = try session.connection.execute(
                """
                SELECT extract(epoch FROM hour_ts_utc)::bigint FROM hour_manifests
                WHERE run_id = $1::uuid AND hour_ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
                """, [.text(runId), .int64(first.hourTs.secondsSinceEpoch), .int64(last.hourTs.secondsSinceEpoch)],
                context: "check the hours are not done")
            // Another process got to some of these hours: refuse the whole batch instead of
            // reporting hours as executed here that this process did not write. Nothing is
            // written (the transaction rolls back); the caller's outcome is a refusal.
            guard doneRows.rowCount == 0 else {
                throw RunStoreError.executedConcurrently(runId: runId, first: first.hourTs, last: last.hourTs)
            }
            let todo = hours
            let pending = todo.flatMap(\.pending)
            let headers = try session.append(pending)
            try ProjectionWriter(connection: session.connection).write(
                run: run, hourTs: first.hourTs, headers: headers,
                events: todo.flatMap(\.events))
            // The batch's snapshots with one INSERT (the rows `BlobStore.put` writes one by one).
            try BlobStore(connection: session.connection).put(kind: "state", prepared: todo.compactMap(\.snapshot))
            var offset = 0
            var manifests: [ManifestRow] = []
            manifests.reserveCapacity(todo.count)
            for hour in todo {
                let hourHeaders = headers[offset..<(offset + hour.events.count)]
                offset += hour.events.count
                let snapshotKey = hour.snapshot?.sha256
                manifests.append(
                    ManifestRow(
                        hourTs: hour.hourTs, manifest: hour.manifest, manifestText: hour.manifestText,
                        snapshotKey: snapshotKey, firstSeq: hourHeaders.first?.seq ?? session.lastSeq,
                        lastSeq: hourHeaders.last?.seq ?? session.lastSeq))
            }
            try writeManifests(session.connection, run: run, rows: manifests)
            try writeInputs(session.connection, run: run, hours: todo.map { ($0.hourTs, $0.inputSeqs) })
            try beforeCommit?()
        }
    }

    /// Makes the server TOAST-compress the batch's state snapshots (the `blobs.data` values, ~60 KB,
    /// already LZ4-compressed by `BlobStore` and stored whatever the server does) with lz4 when it
    /// supports it, for this transaction only. Its default, pglz, works through every such value and
    /// then gives up (too little saving): about 1.3 ms of server CPU per snapshot, against 0.15 ms
    /// with lz4. The values read back are the same bytes either way; only their physical form
    /// differs. A server built without lz4 keeps its default.
    static let snapshotToastCompressionSQL = """
        SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings
        WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)
        """

    /// One hour's row of `hour_manifests`.
    struct ManifestRow {
        var hourTs: UTCTimestamp
        var manifest: HourManifest
        var manifestText: String
        var snapshotKey: Hash256?
        var firstSeq: Int64
        var lastSeq: Int64
    }

    /// Records the manifests of a batch's hours with one binary COPY (the columns `writeManifest`
    /// inserts for one hour, with the same values).
    func writeManifests(_ connection: PGConnection, run: RunRecord, rows: [ManifestRow]) throws {
        guard !rows.isEmpty else { return }
        var copy = PGCopyBinaryWriter(capacity: rows.reduce(0) { $0 + $1.manifestText.utf8.count + 320 })
        let uuid = UUIDText.bytes(run.context.runId)!
        let account = Array(run.context.accountId.utf8)
        for row in rows {
            copy.beginRow(fieldCount: 12)
            copy.append(uuid: uuid)
            copy.append(timestamp: row.hourTs.secondsSinceEpoch)
            copy.append(utf8: account)
            copy.append(text: row.manifest.prevStateSha256.hex)
            copy.append(text: row.manifest.stateSha256.hex)
            if let key = row.snapshotKey { copy.append(bytes: key.bytes) } else { copy.appendNull() }
            copy.append(numeric: row.manifest.equityQuote)
            copy.append(numeric: row.manifest.cashQuote)
            copy.append(int32: Int32(row.manifest.openPositions))
            copy.append(int64: row.firstSeq)
            copy.append(int64: row.lastSeq)
            copy.append(text: row.manifestText)
        }
        try connection.copyIn(
            """
            COPY hour_manifests (run_id, hour_ts_utc, account_id, prev_state_sha256, state_sha256, snapshot_sha256,
                                 equity, cash, open_positions, first_seq, last_seq, manifest)
            FROM STDIN (FORMAT binary)
            """,
            data: copy.finish(), context: "record \(rows.count) hour manifests")
    }
}
