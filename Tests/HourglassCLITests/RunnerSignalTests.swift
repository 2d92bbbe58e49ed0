import Foundation
import HourglassCore
import HourglassExchangeTestSupport
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `hourglass run` under SIGTERM and SIGKILL.
@Suite(.serialized) struct RunnerSignalTests {
    static let start = RunnerCommandTests.start
    typealias Setup = RunnerCommandTests.Setup

    @Test func sigtermStopsTheLoopWithExitZero() throws {
        let setup = try Setup()
        let running = try setup.cli.start(
            ["run", "--wake-delay-seconds", "5", "--start-hour-ts-utc", Self.start.iso8601]
                + setup.runArguments)
        // Wait for the first pass to commit its hours, then ask the loop to stop.
        var waited = 0
        while try setup.database.count("hour_manifests") < 2, waited < 600 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
        }
        kill(running.pid, SIGTERM)
        Thread.sleep(forTimeInterval: 3)
        if running.process.isRunning { running.kill() }
        let outcome = running.wait()
        #expect(outcome.status == 0, "\(outcome)")
        #expect(try setup.database.count("hour_manifests") == 2)
    }

    @Test func sigkillDuringCatchUpLeavesNoPartialHour() throws {
        let setup = try Setup()
        setup.setClosedHours(72)
        let running = try setup.cli.start(
            ["run", "--once", "--start-hour-ts-utc", Self.start.iso8601] + setup.runArguments)
        var waited = 0
        while try setup.database.count("hour_manifests") < 5, waited < 600 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 1
        }
        running.kill()
        _ = running.wait()
        let done = try setup.database.count("hour_manifests")
        #expect(done < 72, "killed before the end")
        // Every committed hour is whole: its events run exactly from first_seq to last_seq.
        #expect(
            try setup.database.scalar(
                """
                SELECT count(*) FROM hour_manifests m
                WHERE (SELECT count(*) FROM events e WHERE e.seq BETWEEN m.first_seq AND m.last_seq
                       AND e.hour_ts_utc = m.hour_ts_utc AND e.run_id = m.run_id) <> m.last_seq - m.first_seq + 1
                """) == 0)
        let resumed = try setup.reports(try setup.cli.run(["run", "--once", "--json"] + setup.runArguments))
        #expect(resumed.count == 72 - Int(done))
        let runId = try #require(resumed.first?["run_id"] as? String)
        let replay = try setup.cli.run([
            "replay-window", "--account-id", "acct", "--run-mode", "PAPER", "--run-id", runId,
            "--from-genesis", "--start-hour-ts-utc", Self.start.iso8601,
            "--end-hour-ts-utc", Self.start.adding(hours: 71).iso8601,
        ])
        #expect(replay.status == 0 && replay.stdout.hasPrefix("MATCH 72 hours"), "\(replay)")
    }
}
