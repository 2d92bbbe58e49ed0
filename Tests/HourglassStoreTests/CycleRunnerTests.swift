import Dispatch
import Foundation
import HourglassCore
import HourglassTestSupport
import Synchronization
import Testing

@testable import HourglassStore

/// The shell's contract around the reducer, against a real server: replays match, a changed
/// config value or a changed stored event is caught at the right event, concurrent executions of
/// one hour commit once, and hours run in order. Every assertion is about the shell (atomicity,
/// MATCH/DIVERGED, what is stored), never about trading numbers.
@Suite(.serialized, CycleWindowFixture())
struct CycleRunnerTests {
    @Test func replayOfExecutedHoursMatches() throws {
        let window = try CycleWindow.current()
        let connection = try window.database.connect()
        let runner = CycleRunner(log: EventLog(connection: connection))
        // The first hour, a snapshot hour, the hour after it (state from the snapshot), hours that
        // re-run from a snapshot, and the last hour.
        let offsets: [Int64] = [0, 1, 23, 24, 37, window.hourCount / 2, window.hourCount - 1]
        for offset in offsets {
            let hour = window.start.adding(hours: offset)
            let (outcome, _) = try runner.replayHour(run: window.run, hourTs: hour)
            let stored = try #require(try runner.store.hour(runId: window.run.context.runId, hourTs: hour))
            guard case .match(let stateSha, let eventCount) = outcome else {
                Issue.record("hour \(hour) should MATCH, got \(outcome)")
                continue
            }
            #expect(stateSha == stored.stateSha256, "hour \(hour): MATCH must report the stored state hash")
            #expect(eventCount > 0)
        }
    }

    @Test func oneChangedConfigValueDivergesAtAnEvent() throws {
        let window = try CycleWindow.current()
        let connection = try window.database.connect()
        let runner = CycleRunner(log: EventLog(connection: connection))
        var changed = window.run
        changed.config.feeRate = try FixedDecimal.parse("0.005")
        #expect(changed.config.feeRate != window.run.config.feeRate)
        #expect(changed.config.sha256 != window.run.config.sha256)
        for offset in [Int64(1), window.hourCount / 2, window.hourCount - 1] {
            let hour = window.start.adding(hours: offset)
            // The same state and inputs as the stored run: only the config value differs.
            let before = try runner.stateBefore(run: window.run, hourTs: hour)
            let (outcome, _) = try runner.replayHour(run: changed, hourTs: hour, carried: before)
            guard case .diverged(let divergence) = outcome else {
                Issue.record("hour \(hour) replayed with fee rate 0.005 should be DIVERGED, got \(outcome)")
                continue
            }
            print("CycleRunnerTests: fee rate 0.005 at \(hour): \(divergence)")
            #expect(divergence.hourTs == hour)
            #expect(divergence.kind == "event", "\(divergence)")
            let event = try #require(divergence.event, "an event divergence names the event")
            let storedCount = try runner.log.read(runId: window.run.context.runId, hourTs: hour).count
            #expect((0..<storedCount).contains(event.index), "\(event)")
            #expect(event.storedType != nil && event.replayedType != nil, "\(event)")
            #expect(event.storedSha256 != event.replayedSha256)
            #expect(!event.fieldDifferences.isEmpty, "a divergence explains itself field by field: \(event)")
        }
        // The unchanged record still matches the same hour with the same carried state.
        let hour = window.start.adding(hours: window.hourCount - 1)
        let (outcome, _) = try runner.replayHour(
            run: window.run, hourTs: hour,
            carried: try runner.stateBefore(run: window.run, hourTs: hour))
        guard case .match = outcome else {
            Issue.record("the stored config must still MATCH, got \(outcome)")
            return
        }
    }

    @Test func oneRewrittenEventDivergesAtItsIndex() throws {
        let window = try CycleWindow.current()
        let tampered = try CycleTamper.tamperedCopy(of: window, label: "tamper", updateHash: true)
        defer { tampered.copy.drop() }
        let (log, target) = (tampered.log, tampered.target)

        let (outcome, _) = try CycleRunner(log: log).replayHour(run: window.run, hourTs: target.hourTs)
        guard case .diverged(let divergence) = outcome else {
            Issue.record(
                "replaying \(target.hourTs) after rewriting event \(target.index) should be DIVERGED, got \(outcome)")
            return
        }
        print(
            "CycleRunnerTests: rewrote \(target.event.eventType.rawValue) at index \(target.index) of \(target.hourTs): \(divergence)"
        )
        #expect(divergence.kind == "event", "\(divergence)")
        let event = try #require(divergence.event)
        #expect(event.index == target.index, "the divergence is the rewritten event: \(event)")
        #expect(
            event.storedType == target.event.eventType.rawValue && event.replayedType == target.event.eventType.rawValue
        )
        #expect(event.storedSha256 == Hash256.of(tampered.event.canonicalBytes).hex)
        #expect(event.replayedSha256 == Hash256.of(target.event.canonicalBytes).hex)
        #expect(!event.fieldDifferences.isEmpty)
        #expect(
            event.fieldDifferences.contains {
                $0.contains(CycleTamper.tamperText) || $0.hasPrefix(target.event.eventType.rawValue)
            },
            "\(event.fieldDifferences)")
    }

    @Test func rewrittenManifestEquityDivergesAtHourClosed() throws {
        let window = try CycleWindow.current()
        let copy = try window.database.clone("tamper_close")
        defer { copy.drop() }
        let connection = try copy.connect()
        let log = EventLog(connection: connection)
        let target = try #require(try CycleTamper.pickEvent(log: log, window: window, preferring: [.hourClosed]))
        guard case .hourClosed(var closed) = target.event else {
            Issue.record("picked \(target.event.eventType)")
            return
        }
        closed.manifest.equityQuote = closed.manifest.equityQuote + FixedDecimal(1)
        try CycleTamper.rewrite(connection, seq: target.seq, payload: closed.canonicalBytes, updateHash: true)

        let (outcome, _) = try CycleRunner(log: log).replayHour(run: window.run, hourTs: target.hourTs)
        guard case .diverged(let divergence) = outcome, let event = divergence.event else {
            Issue.record("a rewritten HourClosed should be an event divergence, got \(outcome)")
            return
        }
        #expect(
            event.index == target.index && event.index == target.hourEventCount - 1,
            "HourClosed is the hour's last event: \(event)")
        #expect(event.storedType == "HourClosed")
        #expect(event.fieldDifferences.contains { $0.hasPrefix("HourClosed.equity:") }, "\(event.fieldDifferences)")
    }

    @Test func rewrittenPayloadWithStaleHashFailsTheRead() throws {
        let window = try CycleWindow.current()
        let tampered = try CycleTamper.tamperedCopy(of: window, label: "tamper_hash", updateHash: false)
        defer { tampered.copy.drop() }
        let (log, target) = (tampered.log, tampered.target)

        #expect {
            _ = try CycleRunner(log: log).replayHour(run: window.run, hourTs: target.hourTs)
        } throws: { error in
            guard case EventLogError.payloadHashMismatch(let seq) = error else { return false }
            return seq == target.seq
        }
        // The hours before it still replay.
        let (outcome, _) = try CycleRunner(log: log).replayHour(
            run: window.run, hourTs: target.hourTs.adding(hours: -1))
        guard case .match = outcome else {
            Issue.record("the hour before the rewritten one should MATCH, got \(outcome)")
            return
        }
    }

    @Test func concurrentExecutionsOfOneHourCommitOnce() throws {
        let window = try CycleWindow.current()
        let copy = try window.database.clone("race")
        defer { copy.drop() }
        let hour = window.start.adding(hours: window.hourCount)
        let before = try CycleTableCounts(try copy.connect())

        let outcomes = CycleOutcomes()
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let threads = 4
        let dsn = copy.dsn
        let run = window.run
        for _ in 0..<threads {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                // Each thread has its own connection, log and runner, like separate processes.
                let connection: PGConnection
                do { connection = try PGConnection(dsn: dsn) } catch {
                    ready.signal()
                    outcomes.add("error: \(error)")
                    return
                }
                let runner = CycleRunner(log: EventLog(connection: connection))
                ready.signal()
                go.wait()
                do {
                    switch try runner.executeHour(run: run, hourTs: hour).0 {
                    case .executed: outcomes.add("executed")
                    case .alreadyDone: outcomes.add("alreadyDone")
                    }
                } catch {
                    outcomes.add("error: \(error)")
                }
            }
        }
        for _ in 0..<threads { ready.wait() }
        for _ in 0..<threads { go.signal() }
        done.wait()

        let results = outcomes.values.sorted()
        #expect(results == ["alreadyDone", "alreadyDone", "alreadyDone", "executed"], "\(results)")
        let connection = try copy.connect()
        let after = try CycleTableCounts(connection)
        let stored = try #require(
            try RunStore(log: EventLog(connection: connection)).hour(runId: run.context.runId, hourTs: hour))
        let hourEvents = try EventLog(connection: connection).read(runId: run.context.runId, hourTs: hour)
        #expect(after.manifests == before.manifests + 1)
        #expect(after.events == before.events + hourEvents.count, "the hour's events exist exactly once")
        #expect(hourEvents.count == Int(stored.lastSeq - stored.firstSeq + 1))
        #expect(hourEvents.first?.header.seq == stored.firstSeq && hourEvents.last?.header.seq == stored.lastSeq)
        #expect(after.denseSeq, "seq stays dense: nothing was half-appended")
        let (replayed, _) = try CycleRunner(log: EventLog(connection: connection)).replayHour(run: run, hourTs: hour)
        guard case .match = replayed else {
            Issue.record("the raced hour should replay to MATCH, got \(replayed)")
            return
        }
    }

    @Test func hourAfterAGapIsRefusedAndWritesNothing() throws {
        let window = try CycleWindow.current()
        let copy = try window.database.clone("gap")
        defer { copy.drop() }
        let connection = try copy.connect()
        let runner = CycleRunner(log: EventLog(connection: connection))
        let before = try CycleTableCounts(connection)
        let lastDone = window.start.adding(hours: window.hourCount - 1)
        let skipped = lastDone.adding(hours: 2)
        #expect {
            _ = try runner.executeHour(run: window.run, hourTs: skipped)
        } throws: { error in
            guard case RunStoreError.previousHourMissing(let runId, let hour, let last) = error else { return false }
            return runId == window.run.context.runId && hour == skipped && last == lastDone
        }
        #expect(try CycleTableCounts(connection) == before, "a refused hour writes nothing")
    }
}

/// One executed window shared by the suite (built once, read by every test, dropped at the end).
struct CycleWindow: Sendable {
    let database: TestDatabase
    let run: RunRecord
    let start: UTCTimestamp
    let hourCount: Int64

    /// 2022-03-01 for 192 hours: past the features' 168 hours of history, so predictions appear.
    static let startText = "2022-03-01T00:00:00Z"
    static let hours: Int64 = 192
    static let runId = "00000000-0000-4000-8000-0000000c7c1e"

    @TaskLocal static var shared: CycleWindow?

    static func current() throws -> CycleWindow {
        guard let shared else {
            throw CycleTestSetupError("CycleWindow is available only inside a suite with CycleWindowFixture()")
        }
        return shared
    }

    /// Ingests the bars and executes the window with the default config, a snapshot every 24 hours.
    static func make() throws -> CycleWindow {
        let start = UTCTimestamp.parse(startText)!
        let database = try TestDatabase.create("window")
        do {
            let log = EventLog(connection: try database.connect())
            try CycleMarketData.ingest(into: log, from: start, through: start.adding(hours: hours + 24))
            let runner = CycleRunner(log: log, snapshotEveryHours: 24)
            let run = try runner.startRun(
                context: RunContext(runId: runId, accountId: "cycle-tests", runMode: .backtest),
                config: .momentumBaseline, startHourTs: start)
            var carried: EngineState? = nil
            for offset in 0..<hours {
                let hour = start.adding(hours: offset)
                let (outcome, state) = try runner.executeHour(
                    run: run, hourTs: hour, carried: carried, forceSnapshot: offset == hours - 1)
                guard case .executed = outcome else {
                    throw CycleTestSetupError("hour \(hour) of a fresh run was already done")
                }
                carried = state
            }
            return CycleWindow(database: database, run: run, start: start, hourCount: hours)
        } catch {
            database.drop()
            throw error
        }
    }
}

/// Builds the shared window once for the suite and drops its database afterwards.
struct CycleWindowFixture: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void)
        async throws
    {
        let window = try CycleWindow.make()
        defer { window.database.drop() }
        try await CycleWindow.$shared.withValue(window) { try await function() }
    }
}

/// Picking and rewriting one stored event in a copy of the log.
enum CycleTamper {
    /// Output types inside an hour (not its closing manifest), in order of preference.
    static let innerTypes: [EventType] = [.orderFilled, .ledgerPosted, .verdictRecorded, .orderPlaced, .predictionMade]
    /// Text put into a string field of the rewritten event.
    static let tamperText = "tampered"

    struct Target {
        let hourTs: UTCTimestamp
        let seq: Int64
        /// Index within the hour's events.
        let index: Int
        let hourEventCount: Int
        let event: DomainEvent
    }

    /// A copy of the shared window's database with one inner event rewritten (`modified`); `updateHash`
    /// rewrites its payload hash too. The caller drops `copy`.
    struct TamperedCopy {
        let copy: TestDatabase
        let connection: PGConnection
        let log: EventLog
        let target: Target
        /// The event as rewritten.
        let event: DomainEvent
    }

    static func tamperedCopy(of window: CycleWindow, label: String, updateHash: Bool) throws -> TamperedCopy {
        let copy = try window.database.clone(label)
        let connection = try copy.connect()
        let log = EventLog(connection: connection)
        let target = try #require(
            try pickEvent(log: log, window: window, preferring: innerTypes),
            "the window should hold an event to rewrite")
        let tampered = try #require(modified(target.event), "no way to modify \(target.event.eventType)")
        try rewrite(connection, seq: target.seq, payload: tampered.canonicalBytes, updateHash: updateHash)
        return TamperedCopy(copy: copy, connection: connection, log: log, target: target, event: tampered)
    }

    /// An event of a preferred type, searching hours from the window's middle onwards (so the
    /// hour's replay starts from a snapshot plus re-run hours), then from its start. An event
    /// that is neither the hour's first nor its last is preferred, so the index means something.
    static func pickEvent(log: EventLog, window: CycleWindow, preferring types: [EventType]) throws -> Target? {
        let middle = window.hourCount / 2
        let offsets = Array(middle..<window.hourCount) + Array(1..<middle)
        var fallback: Target? = nil
        for type in types {
            for offset in offsets {
                let hour = window.start.adding(hours: offset)
                let events = try log.read(runId: window.run.context.runId, hourTs: hour)
                for index in events.indices.reversed() where events[index].header.eventType == type {
                    let target = Target(
                        hourTs: hour, seq: events[index].header.seq, index: index, hourEventCount: events.count,
                        event: try events[index].decode())
                    if index > 0 && (index < events.count - 1 || type == .hourClosed) { return target }
                    if fallback == nil { fallback = target }
                }
            }
        }
        return fallback
    }

    /// The event with one field changed (still decodable), or nil for a type this does not know.
    static func modified(_ event: DomainEvent) -> DomainEvent? {
        switch event {
        case .orderFilled(var filled):
            filled.note = tamperText
            return .orderFilled(filled)
        case .ledgerPosted(var posted):
            posted.posting.kind = tamperText
            return .ledgerPosted(posted)
        case .verdictRecorded(var recorded):
            recorded.verdict.order.reason = tamperText
            return .verdictRecorded(recorded)
        case .orderPlaced(var placed):
            placed.reason = tamperText
            return .orderPlaced(placed)
        case .predictionMade(var prediction):
            prediction.action = tamperText
            return .predictionMade(prediction)
        case .hourClosed(var closed):
            closed.manifest.equityQuote = closed.manifest.equityQuote + FixedDecimal(1)
            return .hourClosed(closed)
        default: return nil
        }
    }

    /// Rewrites one event's payload in place (triggers disabled: this is a copy of the log, and
    /// the connection is a superuser's). With `updateHash` the payload hash is recomputed, so
    /// only a replay can tell; without it the read's hash check must.
    static func rewrite(_ connection: PGConnection, seq: Int64, payload: [UInt8], updateHash: Bool) throws {
        try connection.executeUnsafe(
            script: "ALTER TABLE events DISABLE TRIGGER USER", context: "disable the append-only triggers")
        let changed: PGResult
        if updateHash {
            changed = try connection.execute(
                "UPDATE events SET codec = 0, payload = $1, payload_sha256 = $2 WHERE seq = $3",
                [.bytes(payload), .bytes(Hash256.of(payload).bytes), .int64(seq)], context: "rewrite an event")
        } else {
            changed = try connection.execute(
                "UPDATE events SET codec = 0, payload = $1 WHERE seq = $2",
                [.bytes(payload), .int64(seq)], context: "rewrite an event")
        }
        try connection.executeUnsafe(
            script: "ALTER TABLE events ENABLE TRIGGER USER", context: "enable the append-only triggers")
        precondition(changed.affectedRows == 1, "event \(seq) was not rewritten")
    }
}

/// Row counts that an hour's execution changes.
struct CycleTableCounts: Equatable {
    let events: Int
    let manifests: Int
    let inputs: Int
    let blobs: Int
    let denseSeq: Bool

    init(_ connection: PGConnection) throws {
        let result = try connection.execute(
            """
            SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM hour_manifests), (SELECT count(*) FROM hour_inputs),
                   (SELECT count(*) FROM blobs), (SELECT coalesce(max(seq), 0) = count(*) FROM events)
            """, context: "count rows")
        events = Int(result.int64(0, 0)!)
        manifests = Int(result.int64(0, 1)!)
        inputs = Int(result.int64(0, 2)!)
        blobs = Int(result.int64(0, 3)!)
        denseSeq = result.string(0, 4) == "t"
    }
}

/// What each racing thread got.
final class CycleOutcomes: Sendable {
    private let storage = Mutex<[String]>([])
    func add(_ outcome: String) { storage.withLock { $0.append(outcome) } }
    var values: [String] { storage.withLock { $0 } }
}
