import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// Crash atomicity through the real binary: `execute-window` killed with SIGKILL at seeded random
/// moments never leaves a half-written hour, re-running it completes the window, the result
/// replays and audits clean and equals an uninterrupted run byte for byte; and concurrent
/// `execute-hour` processes of one hour commit once.
@Suite struct CrashAtomicityTests {
    static let runId = "00000000-0000-4000-8000-00000000c4a5"
    static let account = "crash"
    /// 25 days of May 2022 (a volatile month: the baseline trades).
    static let start = UTCTimestamp.parse("2022-05-01T00:00:00Z")!
    static let hours: Int64 = 600
    static var end: UTCTimestamp { start.adding(hours: hours - 1) }
    static let killsMin = 20
    /// Kill moments in milliseconds after the start. Short enough that twenty kills land before
    /// a debug build finishes the window (a restart also re-runs up to 23 hours from its last
    /// snapshot), so every kill interrupts real work: startup, resume or an hour's transaction.
    static let killDelayMilliseconds: ClosedRange<UInt64> = 30...350
    static let seed: UInt64 = 0x5EED_C4A5_0000_0001

    /// `command` over the window; `execute-window` also gets the momentum baseline's config.
    static func windowArguments(_ command: String) -> [String] {
        [
            command, "--account-id", account, "--run-mode", "BACKTEST", "--run-id", runId,
            "--start-hour-ts-utc", start.iso8601, "--end-hour-ts-utc", end.iso8601,
        ] + (command == "execute-window" ? MomentumBaseline.arguments : [])
    }

    /// `execute-window` with `--batch-hours` (nil: the default, 512), for the killed runs.
    static func executeArguments(batchHours: Int?) -> [String] {
        windowArguments("execute-window") + (batchHours.map { ["--batch-hours", "\($0)"] } ?? [])
    }

    /// With the default batch (512 hours) and with 24-hour batches: each batch commits on its own
    /// thread while the next is stepped, so with 24 most kills land while one batch is committing
    /// and the next is in memory only.
    @Test(.serialized, .timeLimit(.minutes(5)), arguments: [nil, 24] as [Int?])
    func sigkilledWindowLeavesNoHalfWrittenHourAndResumes(batchHours: Int?) throws {
        let scratch = try Scratch("crash")
        defer { scratch.remove() }
        let database = try TestDatabase.create("crash")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let slices = try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: Self.end)
        try cli.succeed(CycleCLIMarketData.ingestArguments(slices))
        let connection = try database.connect()

        var generator = CycleSplitMix64(seed: Self.seed)
        var kills = 0
        var attempts = 0
        var progress: [String] = []
        var completedEarly = false
        while kills < Self.killsMin && attempts < Self.killsMin * 3 {
            attempts += 1
            let span = Self.killDelayMilliseconds.upperBound - Self.killDelayMilliseconds.lowerBound + 1
            let delay = Self.killDelayMilliseconds.lowerBound + generator.next() % span
            let running = try cli.start(Self.executeArguments(batchHours: batchHours))
            usleep(UInt32(delay * 1000))
            running.kill()
            let outcome = running.wait()
            if outcome.signal == SIGKILL {
                kills += 1
            } else if outcome.status == 0 {
                completedEarly = true
            } else {
                Issue.record("execute-window failed instead of being killed: \(outcome)")
                return
            }
            let violations = try Self.halfWrittenHours(connection)
            let done = try Self.hoursDone(connection)
            progress.append("\(delay)ms:\(done)")
            #expect(
                violations.isEmpty, "after kill \(kills) at \(delay) ms (\(done) hours done): \(violations.prefix(5))")
            if !violations.isEmpty || completedEarly { break }
        }
        print("CrashAtomicityTests: \(kills) SIGKILLs (delay:hours done) \(progress.joined(separator: " "))")
        #expect(kills >= Self.killsMin, "the window completed after \(kills) kills: lengthen CrashAtomicityTests.hours")
        #expect(try Self.hoursDone(connection) < Int(Self.hours), "the kills should leave the window unfinished")

        let resumed = try cli.run(Self.executeArguments(batchHours: batchHours))
        #expect(resumed.status == 0, "re-running the window completes it: \(resumed)")
        #expect(try Self.hoursDone(connection) == Int(Self.hours))
        #expect(try Self.halfWrittenHours(connection).isEmpty)
        let again = try cli.run(Self.windowArguments("execute-window"))
        #expect(
            again.status == 0 && again.stdout.contains("0 hours executed, \(Self.hours) already done"),
            "a done window appends nothing: \(again)")

        let manifests = scratch.path("killed.jsonl")
        let replay = try cli.run(
            Self.windowArguments("replay-window") + ["--from-genesis", "--manifest-out", manifests])
        #expect(replay.status == 0 && replay.stdout.hasPrefix("MATCH \(Self.hours) hours"), "\(replay)")
        let audit = try cli.run(["audit", "--account-id", Self.account, "--run-id", Self.runId])
        #expect(audit.status == 0 && audit.stdout.contains("AUDIT PASSED"), "\(audit)")

        // The same window in a fresh database, never interrupted, gives the same manifests.
        let fresh = try TestDatabase.create("crash_fresh")
        defer { fresh.drop() }
        let freshCLI = try CLI(dsn: fresh.dsn, scratch: scratch)
        try freshCLI.succeed(CycleCLIMarketData.ingestArguments(slices))
        try freshCLI.succeed(Self.windowArguments("execute-window"))
        let freshManifests = scratch.path("fresh.jsonl")
        try freshCLI.succeed(Self.windowArguments("replay-window") + ["--manifest-out", freshManifests])
        let diff = try cli.run(["manifest-diff", manifests, freshManifests])
        #expect(diff.status == 0, "an interrupted and an uninterrupted run give identical manifests: \(diff)")
        let killedBytes = try Data(contentsOf: URL(fileURLWithPath: manifests))
        #expect(killedBytes == (try Data(contentsOf: URL(fileURLWithPath: freshManifests))))
        #expect(String(decoding: killedBytes, as: UTF8.self).split(separator: "\n").count == Int(Self.hours))
    }

    @Test func concurrentExecuteHourProcessesCommitOnce() throws {
        let scratch = try Scratch("race")
        defer { scratch.remove() }
        let database = try TestDatabase.create("race")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let first = Self.start
        let last = Self.start.adding(hours: 23)
        let next = Self.start.adding(hours: 24)
        let slices = try CycleCLIMarketData.writeSlices(to: scratch, from: first, through: next)
        try cli.succeed(CycleCLIMarketData.ingestArguments(slices))
        try cli.succeed(
            [
                "execute-window", "--account-id", Self.account, "--run-mode", "BACKTEST", "--run-id", Self.runId,
                "--start-hour-ts-utc", first.iso8601, "--end-hour-ts-utc", last.iso8601,
            ] + MomentumBaseline.arguments)

        let arguments = [
            "execute-hour", "--account-id", Self.account, "--run-mode", "BACKTEST", "--run-id", Self.runId,
            "--hour-ts-utc", next.iso8601,
        ]
        let running = try (0..<4).map { _ in try cli.start(arguments) }
        let outcomes = running.map { $0.wait() }
        let statuses = outcomes.map { $0.status ?? -1 }.sorted()
        #expect(statuses == [0, 3, 3, 3], "one process executes the hour, the others are refused: \(outcomes)")

        let connection = try database.connect()
        let stored = try #require(
            try RunStore(log: EventLog(connection: connection)).hour(runId: Self.runId, hourTs: next))
        for outcome in outcomes where outcome.status == 3 {
            #expect(
                outcome.stdout.trimmingCharacters(in: .newlines) == stored.manifestText,
                "a refused process prints the stored manifest")
            #expect(outcome.stderr.contains("already executed"), "\(outcome)")
        }
        let printed = try cli.succeed([
            "replay-manifest", "--run-id", Self.runId, "--account-id", Self.account, "--hour-ts-utc", next.iso8601,
        ])
        #expect(printed.stdout.trimmingCharacters(in: .newlines) == stored.manifestText)
        #expect(try Self.hoursDone(connection) == 25)
        #expect(try Self.halfWrittenHours(connection).isEmpty, "the hour's events exist exactly once")
        let replay = try cli.run([
            "replay-hour", "--run-id", Self.runId, "--account-id", Self.account, "--hour-ts-utc", next.iso8601,
        ])
        #expect(replay.status == 0 && replay.stdout.hasPrefix("MATCH"), "\(replay)")
    }

    /// Hours of the run with a manifest.
    static func hoursDone(_ connection: PGConnection) throws -> Int {
        let result = try connection.execute(
            "SELECT count(*) FROM hour_manifests WHERE run_id = $1::uuid", [.text(runId)],
            context: "count hours done")
        return Int(result.int64(0, 0)!)
    }

    /// Validations that a killed writer must never break: seq dense, and every hour written whole
    /// (events, manifest, inputs and projections agree; hours contiguous). Each returns its
    /// violations as rows, one line per row here (none expected).
    static let validations = ["0001_event_seq_dense.sql", "0012_hours_written_whole.sql"]

    static func halfWrittenHours(_ connection: PGConnection) throws -> [String] {
        var violations: [String] = []
        for name in validations {
            let url = TestEnvironment.repositoryRoot.appendingPathComponent("Validations/\(name)")
            guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
                throw CLIFailure("cannot read \(url.path)")
            }
            let result = try connection.executeUnsafe(script: sql, context: name)
            for row in 0..<result.rowCount {
                violations.append(
                    name + ": "
                        + (0..<result.columnCount).map { result.string(row, $0) ?? "NULL" }.joined(separator: " | "))
            }
        }
        return violations
    }
}
