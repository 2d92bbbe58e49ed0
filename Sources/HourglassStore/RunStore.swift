import HourglassCore

/// Reads runs, executed hours, state snapshots and hour inputs.
public struct RunStore {
    /// The log the store reads.
    public let log: EventLog
    var connection: PGConnection { log.connection }

    /// Wraps a log.
    public init(log: EventLog) { self.log = log }

    /// The run with `runId`, or nil when it was never started.
    public func run(_ runId: String) throws -> RunRecord? {
        guard UUIDText.isValid(runId) else { throw EventLogError.invalidRunId(runId) }
        let result = try connection.execute(
            "SELECT seq FROM runs WHERE run_id = $1::uuid", [.text(runId)], context: "read run")
        guard result.rowCount == 1, let seq = result.int64(0, 0) else { return nil }
        let events = try log.read(afterSeq: seq - 1, limit: 1)
        guard let event = events.first, case .runStarted(let started) = try event.decode() else {
            throw RunStoreError.inputCorrupt(seq: seq, reason: "runs row does not point at a RunStarted event")
        }
        let config: EngineConfig
        do {
            config = try EngineConfig.decode(canonical: started.configBytes)
        } catch {
            throw RunStoreError.recordedByOtherEngine(
                runId: runId, engineVersion: started.engineVersion, current: HourCycle.engineVersion,
                reason: "\(error)")
        }
        guard config.sha256 == started.configSha256 else {
            throw RunStoreError.inputCorrupt(
                seq: seq, reason: "RunStarted config bytes do not match their recorded SHA-256")
        }
        return RunRecord(
            context: RunContext(runId: started.runId, accountId: started.accountId, runMode: started.runMode),
            startHourTs: started.startHourTs, config: config, started: started, seq: seq)
    }

    /// The last executed hour of a run, or nil when none is.
    public func lastExecutedHour(runId: String) throws -> UTCTimestamp? {
        let result = try connection.execute(
            "SELECT extract(epoch from max(hour_ts_utc))::bigint FROM hour_manifests WHERE run_id = $1::uuid",
            [.text(runId)], context: "read the last executed hour")
        return result.int64(0, 0).map { UTCTimestamp(secondsSinceEpoch: $0) }
    }

    /// The stored record of one executed hour, or nil.
    public func hour(runId: String, hourTs: UTCTimestamp) throws -> StoredHour? {
        try hours(runId: runId, from: hourTs, through: hourTs).first
    }

    /// Stored records of executed hours in a range, in hour order.
    public func hours(runId: String, from: UTCTimestamp, through: UTCTimestamp) throws -> [StoredHour] {
        let result = try connection.execute(
            """
            SELECT extract(epoch from hour_ts_utc)::bigint, manifest, prev_state_sha256, state_sha256, snapshot_sha256, first_seq, last_seq
            FROM hour_manifests WHERE run_id = $1::uuid AND hour_ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
            ORDER BY hour_ts_utc
            """, [.text(runId), .int64(from.secondsSinceEpoch), .int64(through.secondsSinceEpoch)],
            context: "read hour manifests")
        return (0..<result.rowCount).map { row in
            StoredHour(
                hourTs: UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!), manifestText: result.string(row, 1)!,
                prevStateSha256: result.string(row, 2)!, stateSha256: result.string(row, 3)!,
                snapshotSha256: result.bytes(row, 4).map { Hash256(bytes: $0) }, firstSeq: result.int64(row, 5)!,
                lastSeq: result.int64(row, 6)!)
        }
    }

    /// The latest executed hour at or before `hourTs` that has a snapshot.
    public func latestSnapshotHour(runId: String, atOrBefore hourTs: UTCTimestamp) throws -> StoredHour? {
        let result = try connection.execute(
            """
            SELECT extract(epoch from max(hour_ts_utc))::bigint FROM hour_manifests
            WHERE run_id = $1::uuid AND hour_ts_utc <= to_timestamp($2) AND snapshot_sha256 IS NOT NULL
            """, [.text(runId), .int64(hourTs.secondsSinceEpoch)], context: "find the latest snapshot")
        guard let seconds = result.int64(0, 0) else { return nil }
        return try hour(runId: runId, hourTs: UTCTimestamp(secondsSinceEpoch: seconds))
    }

    /// The state after `hourTs`, from its snapshot, checked against the hour's manifest hash.
    public func state(runId: String, after stored: StoredHour) throws -> EngineState {
        guard let key = stored.snapshotSha256, let bytes = try BlobStore(connection: connection).get(key) else {
            throw RunStoreError.missingSnapshot(runId: runId, hour: stored.hourTs)
        }
        let state = try EngineState.decode(canonical: bytes)
        let found = state.sha256.hex
        guard found == stored.stateSha256 else {
            throw RunStoreError.snapshotMismatch(
                runId: runId, hour: stored.hourTs, expected: stored.stateSha256, found: found)
        }
        return state
    }

    /// Input events for executing `hourTs` now: the universe's bars that open at the hour, then
    /// the account's operator events this run has not consumed yet, then its exchange inputs
    /// (`exchangeInputSeqsForExecution`). Returns inputs and their seqs.
    public func inputsForExecution(run: RunRecord, hourTs: UTCTimestamp) throws -> (HourInputs, [Int64]) {
        let bars = try connection.execute(
            """
            SELECT seq FROM bars WHERE exchange = $1 AND interval_seconds = 3600 AND ts_utc = to_timestamp($2)
              AND symbol = ANY(string_to_array($3, ','))
            ORDER BY symbol
            """,
            [
                .text(run.config.exchange), .int64(hourTs.secondsSinceEpoch),
                .text(run.config.universe.joined(separator: ",")),
            ],
            context: "find the hour's bars")
        var seqs = (0..<bars.rowCount).map { bars.int64($0, 0)! }
        let operatorEvents = try connection.execute(
            """
            SELECT seq FROM events WHERE stream = $1 AND seq > $2
              AND seq NOT IN (SELECT seq FROM hour_inputs WHERE run_id = $3::uuid)
            ORDER BY seq
            """,
            [.text(OperatorStream.name(accountId: run.context.accountId)), .int64(run.seq), .text(run.context.runId)],
            context: "find unconsumed operator events")
        seqs += (0..<operatorEvents.rowCount).map { operatorEvents.int64($0, 0)! }
        seqs += try exchangeInputSeqsForExecution(run: run, hourTs: hourTs)
        return (try inputs(hourTs: hourTs, seqs: seqs), seqs)
    }

    /// The input events `hourTs` consumed when it was executed, for replay.
    public func inputsForReplay(runId: String, hourTs: UTCTimestamp) throws -> HourInputs {
        let result = try connection.execute(
            "SELECT seq FROM hour_inputs WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2) ORDER BY position",
            [.text(runId), .int64(hourTs.secondsSinceEpoch)], context: "read the hour's inputs")
        return try inputs(hourTs: hourTs, seqs: (0..<result.rowCount).map { result.int64($0, 0)! })
    }

    /// Decodes the events at `seqs` (hash-checked by the log) into reducer inputs.
    func inputs(hourTs: UTCTimestamp, seqs: [Int64]) throws -> HourInputs {
        var bars: [Bar] = []
        var releases: [KillSwitchReleased] = []
        var modelsTrained: [ModelTrained] = []
        var exchange = ExchangeInputs()
        for event in try log.read(seqs: seqs) {
            let decoded = try event.decode()
            if exchange.record(decoded) { continue }
            switch decoded {
            case .barRecorded(let recorded): bars.append(recorded.bar)
            case .killSwitchReleased(let release): releases.append(release)
            case .modelTrained(let trained): modelsTrained.append(trained)
            default:
                throw RunStoreError.inputCorrupt(
                    seq: event.header.seq, reason: "\(event.header.eventType.rawValue) is not an hour input")
            }
        }
        bars.sort { $0.symbol < $1.symbol }
        return HourInputs(
            hourTs: hourTs, bars: bars, releases: releases,
            exchange: ExchangeInputs(
                pairRules: exchange.pairRules, tickers: exchange.tickers, acknowledgements: exchange.acknowledgements,
                fills: exchange.fills, balances: exchange.balances, alarms: exchange.alarms),
            modelsTrained: modelsTrained)
    }
}

/// The per-account stream of operator actions (kill-switch releases).
public enum OperatorStream {
    /// `operator.<account>`.
    public static func name(accountId: String) -> String { "operator.\(accountId)" }
}
