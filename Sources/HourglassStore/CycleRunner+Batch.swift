import HourglassCore

/// BACKTEST hours a `CycleRunner` has stepped but not committed yet, and the inputs it read
/// ahead for them. A reference type, so the copies of a runner share one batch.
final class HourBatch {
    /// One stepped hour, with everything its commit writes.
    struct Hour {
        var hourTs: UTCTimestamp
        var events: [DomainEvent]
        var manifest: HourManifest
        var manifestText: String
        var inputSeqs: [Int64]
        var snapshotBytes: [UInt8]?
    }

    var run: RunRecord?
    var hours: [Hour] = []
    /// Inputs read ahead, by hour (seconds since the epoch).
    var inputs: [Int64: (HourInputs, [Int64])] = [:]
}

extension CycleRunner {
    /// `executeHour` in BACKTEST with `backtestBatchHours > 1`: steps the hour in memory and
    /// commits `backtestBatchHours` hours at a time in one transaction (and at once when the
    /// snapshot is forced, as at a window's last hour). A batch is all or nothing: after a crash
    /// the run resumes at the first hour of the batch that did not commit. An `.executed` hour is
    /// in the log once `commitPendingHours` has run (it runs before any other hour, run or a gap).
    func executeBatched(
        run: RunRecord, hourTs: UTCTimestamp, carried: EngineState?, carriedSha256: Hash256?,
        forceSnapshot: Bool
    ) throws -> (ExecuteOutcome, EngineState?) {
        if let last = batch.hours.last,
            batch.run?.context.runId != run.context.runId || last.hourTs.adding(hours: 1) != hourTs || carried == nil
        {
            try commitPendingHours()
        }
        if batch.hours.isEmpty, let done = try store.hour(runId: run.context.runId, hourTs: hourTs) {
            return (.alreadyDone(done), nil)
        }
        let state = try carried ?? stateBefore(run: run, hourTs: hourTs)
        let (read, readSeqs) = try readAhead(run: run, hourTs: hourTs)
        let (inputs, inputSeqs) = try withTrainedModels(run: run, hourTs: hourTs, inputs: read, seqs: readSeqs)
        let result = HourCycle.step(
            state: state, inputs: inputs, config: run.config,
            models: try models(for: run, hourTs: hourTs, inputs: inputs), run: run.context,
            prevStateSha256: carried == nil ? nil : carriedSha256, configSha256: run.configSha256)
        let manifestText = result.manifest.json.canonicalText
        let hourIndex = (hourTs.secondsSinceEpoch - run.startHourTs.secondsSinceEpoch) / UTCTimestamp.secondsPerHour
        let snapshot =
            forceSnapshot || snapshotEveryHours <= 1 || hourIndex % snapshotEveryHours == snapshotEveryHours - 1
        batch.run = run
        batch.hours.append(
            HourBatch.Hour(
                hourTs: hourTs, events: result.events, manifest: result.manifest, manifestText: manifestText,
                inputSeqs: inputSeqs, snapshotBytes: snapshot ? result.state.canonicalBytes : nil))
        if batch.hours.count >= backtestBatchHours || forceSnapshot { try commitPendingHours() }
        return (
            .executed(manifest: result.manifest, manifestText: manifestText, eventCount: result.events.count),
            result.state
        )
    }

    /// The inputs of `hourTs`, read with the next `backtestBatchHours − 1` hours' when not read yet.
    /// Reading ahead happens only with no hour pending, so the operator events it finds
    /// unconsumed are not consumed by an uncommitted hour.
    private func readAhead(run: RunRecord, hourTs: UTCTimestamp) throws -> (HourInputs, [Int64]) {
        if let inputs = batch.inputs.removeValue(forKey: hourTs.secondsSinceEpoch) { return inputs }
        try commitPendingHours()
        let hours = (0..<Int64(backtestBatchHours)).map { hourTs.adding(hours: $0) }
        for (hour, inputs) in zip(hours, try store.inputsForExecution(run: run, hours: hours)) {
            batch.inputs[hour.secondsSinceEpoch] = inputs
        }
        return batch.inputs.removeValue(forKey: hourTs.secondsSinceEpoch)!
    }

    /// Commits the stepped BACKTEST hours not yet in the log, in one transaction: one COPY of all
    /// their events, one COPY per projection table, their snapshots, manifests and inputs. When
    /// another process committed any of these hours meanwhile, the whole batch is refused
    /// (`executedConcurrently`), so no process reports hours it did not write. On an error nothing
    /// of the batch is written and the batch is dropped.
    public func commitPendingHours() throws {
        let hours = batch.hours
        batch.hours = []
        batch.inputs = [:]
        guard let run = batch.run, let first = hours.first, let last = hours.last else { return }
        let runId = run.context.runId
        try log.withAppendTransaction(
            context: "execute \(hours.count) hours \(first.hourTs) … \(last.hourTs) of run \(runId)"
        ) { session in
            // As for one hour: a backtest hour can be recomputed from the log (see executeHour).
            try session.connection.executeUnsafe(
                script: "SET LOCAL synchronous_commit = off", context: "relax backtest durability")
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
            var pending: [PendingEvent] = []
            pending.reserveCapacity(todo.reduce(0) { $0 + $1.events.count })
            for hour in todo {
                for event in hour.events {
                    pending.append(
                        PendingEvent(
                            stream: run.stream, runId: runId, accountId: run.context.accountId, hourTs: hour.hourTs,
                            event: event))
                }
            }
            let headers = try session.append(pending)
            try ProjectionWriter(connection: session.connection).write(
                run: run, hourTs: first.hourTs, headers: headers,
                events: todo.flatMap(\.events))
            var offset = 0
            for hour in todo {
                let hourHeaders = headers[offset..<(offset + hour.events.count)]
                offset += hour.events.count
                let snapshotKey = try hour.snapshotBytes.map {
                    try BlobStore(connection: session.connection).put(kind: "state", bytes: $0)
                }
                try writeManifest(
                    session.connection, run: run, hourTs: hour.hourTs, manifest: hour.manifest,
                    manifestText: hour.manifestText, snapshotKey: snapshotKey,
                    firstSeq: hourHeaders.first?.seq ?? session.lastSeq,
                    lastSeq: hourHeaders.last?.seq ?? session.lastSeq)
            }
            try writeInputs(session.connection, run: run, hours: todo.map { ($0.hourTs, $0.inputSeqs) })
        }
    }
}
