import HourglassCore

extension CycleRunner {
    /// Executes `hourTs` for `run`: reads its inputs, steps the reducer from the state after the
    /// previous hour (`carried`, when the caller has it in memory), and appends the hour's events,
    /// projections, snapshot and manifest in one transaction. An hour already done appends
    /// nothing and returns `.alreadyDone`; concurrent executions of one hour commit exactly once.
    /// `carriedSha256` is `carried`'s hash when the caller knows it (the previous hour's
    /// `manifest.stateSha256`), which spares the reducer hashing the state again.
    ///
    /// `carried` is consumed: when the caller hands over its only copy, the reducer advances the
    /// state's windows in place instead of copying every series on its first write.
    public func executeHour(
        run: RunRecord, hourTs: UTCTimestamp, carried: consuming EngineState? = nil, carriedSha256: Hash256? = nil,
        forceSnapshot: Bool = false
    ) throws -> (ExecuteOutcome, EngineState?) {
        precondition(hourTs.isOnHour, "hours are on the hour")
        if hourTs < run.startHourTs {
            throw RunStoreError.beforeRunStart(runId: run.context.runId, hour: hourTs, start: run.startHourTs)
        }
        if run.context.runMode == .backtest && backtestBatchHours > 1 {
            return try executeBatched(
                run: run, hourTs: hourTs, carried: consume carried, carriedSha256: carriedSha256,
                forceSnapshot: forceSnapshot)
        }
        if let done = try store.hour(runId: run.context.runId, hourTs: hourTs) { return (.alreadyDone(done), nil) }
        let isCarried = carried != nil
        let state = try Self.take(consume carried) ?? stateBefore(run: run, hourTs: hourTs)
        let (read, readSeqs) = try store.inputsForExecution(run: run, hourTs: hourTs)
        let (inputs, inputSeqs) = try withTrainedModels(run: run, hourTs: hourTs, inputs: read, seqs: readSeqs)
        let result = HourCycle.step(
            state: consume state, inputs: inputs, config: run.config,
            models: try models(for: run, hourTs: hourTs, inputs: inputs), run: run.context,
            prevStateSha256: isCarried ? carriedSha256 : nil, configSha256: run.configSha256)
        let manifestText = String(decoding: result.manifest.canonicalUTF8, as: UTF8.self)
        let hourIndex = (hourTs.secondsSinceEpoch - run.startHourTs.secondsSinceEpoch) / UTCTimestamp.secondsPerHour
        let snapshot =
            forceSnapshot || snapshotEveryHours <= 1 || hourIndex % snapshotEveryHours == snapshotEveryHours - 1
        let committed: Bool = try log.withAppendTransaction(context: "execute \(hourTs) of run \(run.context.runId)") {
            session in
            // Re-check under the append lock: another process may have committed this hour.
            let done = try session.connection.execute(
                "SELECT 1 FROM hour_manifests WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2)",
                [.text(run.context.runId), .int64(hourTs.secondsSinceEpoch)], context: "check the hour is not done")
            if done.rowCount > 0 { return false }
            if run.context.runMode == .backtest {
                // A backtest hour can always be recomputed from the log, so it need not wait for
                // its WAL flush: the commit stays atomic, and a server crash (not a client crash)
                // can lose only the last few committed hours, which a re-run executes again.
                // PAPER and LIVE hours keep full durability.
                try session.connection.executeUnsafe(
                    script: "SET LOCAL synchronous_commit = off", context: "relax backtest durability")
            }
            let pending = result.events.map {
                PendingEvent(
                    stream: run.stream, runId: run.context.runId, accountId: run.context.accountId, hourTs: hourTs,
                    event: $0)
            }
            let headers = try session.append(pending)
            try ProjectionWriter(connection: session.connection).write(
                run: run, hourTs: hourTs, headers: headers, events: result.events)
            var snapshotKey: Hash256? = nil
            if snapshot {
                snapshotKey = try BlobStore(connection: session.connection).put(
                    kind: "state", bytes: result.state.canonicalBytes)
            }
            try writeManifest(
                session.connection, run: run, hourTs: hourTs, manifest: result.manifest, manifestText: manifestText,
                snapshotKey: snapshotKey, firstSeq: headers.first?.seq ?? session.lastSeq,
                lastSeq: headers.last?.seq ?? session.lastSeq)
            try writeInputs(session.connection, run: run, hours: [(hourTs, inputSeqs)])
            return true
        }
        if !committed {
            guard let done = try store.hour(runId: run.context.runId, hourTs: hourTs) else {
                throw RunStoreError.hourNotExecuted(runId: run.context.runId, hour: hourTs)
            }
            return (.alreadyDone(done), nil)
        }
        return (
            .executed(manifest: result.manifest, manifestText: manifestText, eventCount: result.events.count),
            result.state
        )
    }

    /// `state` itself (an identity that takes ownership, so `take(consume x) ?? y` hands the
    /// caller's only copy on without a retain left behind).
    static func take(_ state: consuming EngineState?) -> EngineState? { state }

    func writeManifest(
        _ connection: PGConnection, run: RunRecord, hourTs: UTCTimestamp, manifest: HourManifest,
        manifestText: String, snapshotKey: Hash256?, firstSeq: Int64, lastSeq: Int64
    ) throws {
        try connection.execute(
            """
            INSERT INTO hour_manifests (run_id, hour_ts_utc, account_id, prev_state_sha256, state_sha256, snapshot_sha256,
                                        equity, cash, open_positions, first_seq, last_seq, manifest)
            VALUES ($1::uuid, to_timestamp($2), $3, $4, $5, $6, $7::numeric, $8::numeric, $9, $10, $11, $12)
            """,
            [
                .text(run.context.runId), .int64(hourTs.secondsSinceEpoch), .text(run.context.accountId),
                .text(manifest.prevStateSha256.hex), .text(manifest.stateSha256.hex),
                snapshotKey.map { .bytes($0.bytes) } ?? .null,
                .text(manifest.equityQuote.description), .text(manifest.cashQuote.description),
                .int64(Int64(manifest.openPositions)),
                .int64(firstSeq), .int64(lastSeq), .text(manifestText),
            ],
            context: "record the hour manifest")
    }

    /// Records the input seqs of each hour with one COPY.
    func writeInputs(_ connection: PGConnection, run: RunRecord, hours: [(UTCTimestamp, [Int64])]) throws {
        let count = hours.reduce(0) { $0 + $1.1.count }
        guard count > 0 else { return }
        var copy = PGCopyBinaryWriter(capacity: count * 48)
        let uuid = UUIDText.bytes(run.context.runId)!
        for (hourTs, seqs) in hours {
            for (position, seq) in seqs.enumerated() {
                copy.beginRow(fieldCount: 4)
                copy.append(uuid: uuid)
                copy.append(timestamp: hourTs.secondsSinceEpoch)
                copy.append(int32: Int32(position))
                copy.append(int64: seq)
            }
        }
        try connection.copyIn(
            "COPY hour_inputs (run_id, hour_ts_utc, position, seq) FROM STDIN (FORMAT binary)",
            data: copy.finish(), context: "record the hour's inputs")
    }
}
