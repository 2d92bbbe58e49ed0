import Dispatch
import HourglassCore
import HourglassTestSupport
import Synchronization
import Testing

@testable import HourglassStore

/// BACKTEST hours committed in batches: nothing is in the log until a batch is full, a batch
/// commits whole, the window's last hour commits a partial batch, and every stored manifest is
/// the one the hour-by-hour execution of the shared window stored.
@Suite(.serialized, CycleWindowFixture())
struct BatchedExecutionTests {
    @Test func batchedHoursCommitWholeAndStoreTheSameManifests() throws {
        let window = try CycleWindow.current()
        let database = try TestDatabase.create("batch")
        defer { database.drop() }
        let log = EventLog(connection: try database.connect())
        try CycleMarketData.ingest(
            into: log, from: window.start, through: window.start.adding(hours: window.hourCount + 24))
        let batchHours = 50
        let runner = CycleRunner(log: log, snapshotEveryHours: 24, backtestBatchHours: batchHours)
        let run = try runner.startRun(context: window.run.context, config: .momentumBaseline, startHourTs: window.start)
        let runId = run.context.runId
        var carried: EngineState? = nil
        for offset in 0..<window.hourCount {
            let hour = window.start.adding(hours: offset)
            let (outcome, state) = try runner.executeHour(
                run: run, hourTs: hour, carried: carried,
                forceSnapshot: offset == window.hourCount - 1)
            guard case .executed = outcome else {
                Issue.record("hour \(hour) of a fresh run was already done")
                return
            }
            carried = state
            let committed = try runner.store.lastExecutedHour(runId: runId)
            let committedHours = committed.map {
                Int(($0.secondsSinceEpoch - window.start.secondsSinceEpoch) / 3600) + 1
            }
            let full = (Int(offset) + 1) / batchHours * batchHours
            if offset == window.hourCount - 1 {
                #expect(committed == hour, "the window's last hour commits the partial batch")
            } else if full == 0 {
                #expect(committed == nil, "hour \(hour): nothing is committed before the first batch is full")
            } else {
                // The last full batch may still be committing on its own thread; the ones before it are in.
                #expect(
                    [full, full - batchHours].contains(committedHours ?? 0),
                    "hour \(hour): whole batches only, at most one in flight (\(committedHours ?? 0) hours committed)")
            }
        }
        let last = window.start.adding(hours: window.hourCount - 1)
        let batched = try runner.store.hours(runId: runId, from: window.start, through: last)
        let original = try CycleRunner(log: EventLog(connection: try window.database.connect()))
            .store.hours(runId: runId, from: window.start, through: last)
        #expect(batched.count == Int(window.hourCount))
        #expect(batched.map(\.manifestText) == original.map(\.manifestText))
        // The manifests' table columns (one binary COPY per batch) equal the hour-by-hour path's INSERTs.
        #expect(
            try Self.manifestColumns(database.connect(), runId)
                == Self.manifestColumns(window.database.connect(), runId))
        // So do the events (payloads the reducer encoded, appended by one COPY per batch), the
        // predictions projection (binary COPY) and the inputs (bars read with their events).
        let rows = try Self.runRows(database.connect(), runId)
        #expect(rows.count > 3 * Int(window.hourCount), "events, predictions and inputs of every hour")
        #expect(rows == (try Self.runRows(window.database.connect(), runId)))
        let (outcome, _) = try runner.replayHour(run: run, hourTs: window.start.adding(hours: 60))
        guard case .match = outcome else {
            Issue.record("a batched hour should replay to MATCH, got \(outcome)")
            return
        }
    }

    /// Two processes stepping the same hours: the batch that commits second is refused whole and
    /// writes nothing, so neither reports hours it did not write.
    @Test func aBatchWhoseHoursAnotherProcessCommittedIsRefusedWhole() throws {
        let window = try CycleWindow.current()
        let database = try TestDatabase.create("batch_race")
        defer { database.drop() }
        let setup = EventLog(connection: try database.connect())
        try CycleMarketData.ingest(into: setup, from: window.start, through: window.start.adding(hours: 48))
        let first = CycleRunner(log: setup, snapshotEveryHours: 24, backtestBatchHours: 8)
        let run = try first.startRun(context: window.run.context, config: .momentumBaseline, startHourTs: window.start)
        let second = CycleRunner(
            log: EventLog(connection: try database.connect()), snapshotEveryHours: 24, backtestBatchHours: 8)
        // The second runner steps hours 0..3 in memory (a batch of 8 is not full yet).
        var carried: EngineState? = nil
        for offset in 0..<4 {
            let (_, state) = try second.executeHour(
                run: run, hourTs: window.start.adding(hours: Int64(offset)), carried: carried, forceSnapshot: false)
            carried = state
        }
        #expect(try second.store.lastExecutedHour(runId: run.context.runId) == nil)
        // The first runner commits hours 0..1 meanwhile.
        var firstCarried: EngineState? = nil
        for offset in 0..<2 {
            let (_, state) = try first.executeHour(
                run: run, hourTs: window.start.adding(hours: Int64(offset)), carried: firstCarried,
                forceSnapshot: offset == 1)
            firstCarried = state
        }
        let eventsBefore = try database.eventCount()
        #expect(throws: RunStoreError.self) { try second.commitPendingHours() }
        #expect(try database.eventCount() == eventsBefore, "the refused batch wrote nothing")
        #expect(try second.store.lastExecutedHour(runId: run.context.runId) == window.start.adding(hours: 1))
    }

    /// A batch whose commit dies on the server (its backend terminated just before COMMIT) while the
    /// calling thread is already stepping the next batch: nothing of it is in the log, the window
    /// fails, and executing the window again (a new process would do the same) resumes at that
    /// batch's first hour and stores exactly the manifests of an uninterrupted hour-by-hour run.
    @Test func aCommitKilledWhileTheNextBatchIsSteppedLeavesNothingAndResumes() throws {
        let window = try CycleWindow.current()
        let database = try TestDatabase.create("batch_kill")
        defer { database.drop() }
        let hours: Int64 = 80
        let batchHours = 16
        let last = window.start.adding(hours: hours - 1)
        let log = EventLog(connection: try database.connect())
        try CycleMarketData.ingest(into: log, from: window.start, through: window.start.adding(hours: hours + 24))
        let runner = CycleRunner(log: log, snapshotEveryHours: 24, backtestBatchHours: batchHours)
        let run = try runner.startRun(context: window.run.context, config: .momentumBaseline, startHourTs: window.start)
        let runId = run.context.runId

        // The third batch (hours 32...47) waits inside its transaction until the calling thread
        // has stepped hour 55 of the fourth, then its backend is terminated: a crash mid-commit.
        let steppedIntoNextBatch = DispatchSemaphore(value: 0)
        let killer = UncheckedConnection(try database.connect())
        let commits = Mutex(0)
        let sawNextBatch = Mutex(false)
        let terminated = Mutex<Int64>(0)
        runner.batch.beforeCommit = {
            guard
                commits.withLock({ count in
                    count += 1
                    return count == 3
                })
            else { return }
            let stepped = steppedIntoNextBatch.wait(timeout: .now() + 120) == .success
            sawNextBatch.withLock { $0 = stepped }
            let result = try killer.connection.execute(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'
                """, context: "terminate the committing backend")
            terminated.withLock { $0 = result.int64(0, 0) ?? 0 }
        }
        #expect(throws: (any Error).self, "the window fails with its batch") {
            try WindowExecutor(runner: runner, run: run).run(from: window.start, through: last) { totals, _ in
                if totals.executed == 56 { steppedIntoNextBatch.signal() }
            }
        }
        #expect(sawNextBatch.withLock { $0 }, "the next batch was being stepped while the batch committed")
        #expect(terminated.withLock { $0 } == 1, "exactly the committing backend was terminated")
        let thirdBatch = window.start.adding(hours: 32)
        #expect(try runner.store.lastExecutedHour(runId: runId) == thirdBatch.adding(hours: -1))
        let afterKill = try database.scalar(
            "SELECT count(*) FROM events WHERE run_id = '\(runId)' AND hour_ts_utc >= '\(thirdBatch.iso8601)'")
        #expect(afterKill == 0, "no event of the killed batch or after it is in the log")

        let resumed = CycleRunner(
            log: EventLog(connection: try database.connect()), snapshotEveryHours: 24, backtestBatchHours: batchHours)
        let totals = try WindowExecutor(runner: resumed, run: run).run(from: window.start, through: last)
        #expect(totals.alreadyDone == 32 && totals.executed == Int(hours) - 32)
        let stored = try resumed.store.hours(runId: runId, from: window.start, through: last)
        let original = try CycleRunner(log: EventLog(connection: try window.database.connect()))
            .store.hours(runId: runId, from: window.start, through: last)
        #expect(stored.count == Int(hours))
        #expect(stored.map(\.manifestText) == original.map(\.manifestText), "manifests byte-identical")
        let stray = try database.scalar(
            """
            SELECT count(*) FROM events e WHERE e.run_id = '\(runId)' AND e.hour_ts_utc IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM hour_manifests m WHERE m.run_id = e.run_id AND m.hour_ts_utc = e.hour_ts_utc
                AND e.seq BETWEEN m.first_seq AND m.last_seq)
            """)
        #expect(stray == 0, "every event of the run belongs to a committed hour")
        let (outcome, _) = try resumed.replayHour(run: run, hourTs: window.start.adding(hours: 40))
        guard case .match = outcome else {
            Issue.record("a resumed hour should replay to MATCH, got \(outcome)")
            return
        }
    }

    /// The columns of a run's `hour_manifests` rows as the server prints them, in hour order.
    static func manifestColumns(_ connection: PGConnection, _ runId: String) throws -> [String] {
        let result = try connection.execute(
            """
            SELECT concat_ws('|', hour_ts_utc, account_id, prev_state_sha256, state_sha256,
                             encode(snapshot_sha256, 'hex'), equity, cash, open_positions, last_seq - first_seq,
                             manifest)
            FROM hour_manifests WHERE run_id = $1::uuid ORDER BY hour_ts_utc
            """, [.text(runId)], context: "read manifests")
        return (0..<result.rowCount).map { result.string($0, 0)! }
    }

    /// A run's events (type, stream version, codec, stored length, payload hash), its `predictions`
    /// rows and its `hour_inputs` (each input by its payload hash) as the server prints them, in
    /// order; seqs are left out (the two databases hold different bars before the run).
    static func runRows(_ connection: PGConnection, _ runId: String) throws -> [String] {
        let result = try connection.execute(
            """
            (SELECT 1 AS part, seq AS k1, 0 AS k2, concat_ws('|', event_type, stream_version, codec, length(payload),
                    hour_ts_utc, encode(payload_sha256, 'hex'))
             FROM events WHERE run_id = $1::uuid)
            UNION ALL
            (SELECT 2, seq, 0, concat_ws('|', hour_ts_utc, symbol, model_id, regime, score, expected_edge, confidence,
                    action, sizing)
             FROM predictions WHERE run_id = $1::uuid)
            UNION ALL
            (SELECT 3, extract(epoch FROM i.hour_ts_utc)::bigint, i.position,
                    concat_ws('|', i.hour_ts_utc, i.position, encode(e.payload_sha256, 'hex'))
             FROM hour_inputs i JOIN events e ON e.seq = i.seq WHERE i.run_id = $1::uuid)
            ORDER BY 1, 2, 3
            """, [.text(runId)], context: "read the run's rows")
        return (0..<result.rowCount).map { result.string($0, 3)! }
    }
}

/// A connection handed to one other thread (which alone uses it from then on).
final class UncheckedConnection: @unchecked Sendable {
    let connection: PGConnection
    init(_ connection: PGConnection) { self.connection = connection }
}
