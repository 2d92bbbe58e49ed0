import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The commands that act on an executed run, through the real binary against a real server and
/// two weeks of real Kraken bars (May 2022): `run-report`, `governance-report`, `kill-switch`,
/// `replay-manifest`, `replay-hour`, `audit`, `execute-hour`, `events tail` and `config show`,
/// with their text, `--json` and exit codes.
@Suite(.serialized, CLIWindowFixture())
struct RunCommandTests {
    static func json(_ outcome: CLIOutcome) throws -> [String: Any] {
        try #require(outcome.status == 0, "\(outcome)")
        return try outcome.json()
    }

    @Test func runReportPrintsTheRunsNumbersAndMetrics() throws {
        let window = try CLIWindow.current()
        let report = try Self.json(try window.cli.run(["run-report", "--json"] + window.runArguments))
        #expect(report["run_id"] as? String == CLIWindow.runId)
        #expect(report["hours"] as? Int == Int(CLIWindow.hours))
        #expect(report["first_hour"] as? String == window.start.iso8601)
        #expect(report["last_hour"] as? String == window.end.iso8601)
        #expect(report["final_equity"] as? String == window.lastManifest["equity"] as? String)
        let metrics = try #require(report["metrics"] as? [String: Any])
        #expect(metrics["hours"] as? Int == Int(CLIWindow.hours))
        #expect(metrics["total_return"] as? Double == report["return"] as? Double)
        #expect(metrics["max_drawdown"] as? Double == report["max_drawdown"] as? Double)
        #expect(metrics["fees"] as? String == report["fees"] as? String)
        let fills = try #require(report["fills"] as? Int)
        #expect(fills > 0, "the premise: the window trades")
        #expect(report["buys"] as? Int ?? 0 >= metrics["trades"] as? Int ?? -1)
        let verdicts = try #require(report["verdicts"] as? [String: Int])
        #expect(Set(verdicts.keys) == ["APPROVE", "MODIFY", "BLOCK"])

        let text = try window.cli.run(["run-report"] + window.runArguments)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("run \(CLIWindow.runId) (BACKTEST, account \(CLIWindow.account))"), "\(text)")
        #expect(
            text.stdout.contains("hours          \(CLIWindow.hours) (\(window.start.iso8601) … \(window.end.iso8601))"))
        #expect(
            text.stdout.contains("max drawdown") && text.stdout.contains("Sharpe") && text.stdout.contains("exposure"))
    }

    @Test func runReportAndGovernanceReportAgreeOnReturnAndDrawdown() throws {
        let window = try CLIWindow.current()
        let report = try Self.json(try window.cli.run(["run-report", "--json"] + window.runArguments))
        let governance = try Self.json(try window.cli.run(["governance-report", "--json"] + window.runArguments))
        let body = try #require(governance["report"] as? [String: Any])
        let governed = try #require((body["shadow"] as? [String: Any])?["with_governance"] as? [String: Any])
        let returnFraction = try #require(report["return"] as? Double)
        let drawdown = try #require(report["max_drawdown"] as? Double)
        #expect(abs(try #require(governed["return"] as? Double) - returnFraction) <= 5e-7)
        #expect(abs(try #require(governed["max_drawdown"] as? Double) - drawdown) <= 5e-7)
        let counts = try #require(body["verdicts"] as? [String: Int])
        let verdicts = try #require(report["verdicts"] as? [String: Int])
        #expect(counts["total"] == verdicts.values.reduce(0, +))
        #expect(counts["BLOCK"] == verdicts["BLOCK"] && counts["APPROVE"] == verdicts["APPROVE"])
        #expect((body["shadow"] as? [String: Any])?["without_governance"] != nil)
    }

    @Test func governanceReportTextAndNoShadow() throws {
        let window = try CLIWindow.current()
        let text = try window.cli.run(["governance-report"] + window.runArguments)
        #expect(text.status == 0, "\(text)")
        #expect(
            text.stdout.hasPrefix(
                "governance report of run \(CLIWindow.runId) (account \(CLIWindow.account))\nverdicts: "))
        #expect(text.stdout.contains("without governance"))
        let counts = try Self.json(
            try window.cli.run(["governance-report", "--no-shadow", "--json"] + window.runArguments))
        #expect((counts["report"] as? [String: Any])?["shadow"] is NSNull)
    }

    @Test(arguments: ["run-report", "governance-report", "replay-manifest", "replay-hour"])
    func aRunIdThatIsNotAUUIDIsAUsageError(command: String) throws {
        let window = try CLIWindow.current()
        let hour = ["replay-manifest", "replay-hour"].contains(command) ? ["--hour-ts-utc", window.end.iso8601] : []
        let outcome = try window.cli.run([command, "--account-id", CLIWindow.account, "--run-id", "not-a-uuid"] + hour)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("Please specify --run-id as a UUID"), "\(outcome)")
    }

    @Test func anUnknownRunOrAnotherAccountIsAnInputError() throws {
        let window = try CLIWindow.current()
        let unknown = try window.cli.run([
            "run-report", "--account-id", CLIWindow.account,
            "--run-id", "00000000-0000-4000-8000-000000000bad",
        ])
        #expect(unknown.status == 2 && unknown.stderr.contains("does not exist"), "\(unknown)")
        let other = try window.cli.run([
            "governance-report", "--account-id", "someone-else", "--run-id", CLIWindow.runId,
        ])
        #expect(other.status == 2 && other.stderr.contains("belongs to account \(CLIWindow.account)"), "\(other)")
        let empty = try window.cli.run(["audit", "--account-id", "nobody"])
        #expect(empty.status == 2 && empty.stderr.contains("account nobody has no runs"), "\(empty)")
        let tooLong = try window.cli.run(["kill-switch", "status", "--account-id", String(repeating: "a", count: 65)])
        #expect(
            tooLong.status == 2 && tooLong.stderr.contains("Please specify an --account-id of 1 to 64"), "\(tooLong)")
    }

    @Test func replayManifestPrintsTheStoredManifest() throws {
        let window = try CLIWindow.current()
        let printed = try window.cli.run(
            ["replay-manifest", "--hour-ts-utc", window.end.iso8601] + window.runArguments)
        #expect(printed.status == 0, "\(printed)")
        let manifest = try printed.json()
        #expect(manifest["hour_ts_utc"] as? String == window.end.iso8601)
        #expect(manifest["state_sha256"] as? String == window.lastManifest["state_sha256"] as? String)
        #expect(manifest["equity"] as? String == window.lastManifest["equity"] as? String)
        let stored = try #require(
            try RunStore(log: try window.database.openLog()).hour(runId: CLIWindow.runId, hourTs: window.end))
        #expect(printed.stdout.trimmingCharacters(in: .newlines) == stored.manifestText)
        let later = window.end.adding(hours: 1).iso8601
        let missing = try window.cli.run(["replay-manifest", "--hour-ts-utc", later] + window.runArguments)
        #expect(missing.status == 2 && missing.stderr.contains("has not been executed"), "\(missing)")
    }

    @Test func replayHourMatchesAndAuditPasses() throws {
        let window = try CLIWindow.current()
        let replay = try window.cli.run(
            ["replay-hour", "--hour-ts-utc", window.start.adding(hours: 30).iso8601] + window.runArguments)
        #expect(replay.status == 0 && replay.stdout.hasPrefix("MATCH "), "\(replay)")
        let audit = try Self.json(try window.cli.run(["audit", "--json", "--account-id", CLIWindow.account]))
        #expect(audit["passed"] as? Bool == true)
        #expect((audit["runs"] as? [[String: Any]])?.map { $0["run_id"] as? String } == [CLIWindow.runId])
        let text = try window.cli.run(["audit"] + window.runArguments)
        #expect(text.status == 0 && text.stdout.hasSuffix("AUDIT PASSED\n"), "\(text)")
    }

    @Test func killSwitchStatusAndReleaseOnACopy() throws {
        let window = try CLIWindow.current()
        let copy = try window.database.clone("release")
        defer { copy.drop() }
        let cli = try CLI(dsn: copy.dsn, scratch: window.cli.scratch)
        let account = ["--account-id", CLIWindow.account]
        let before = try Self.json(try cli.run(["kill-switch", "status", "--json"] + account))
        let runs = try #require(before["runs"] as? [[String: Any]])
        #expect(runs.map { $0["run_id"] as? String } == [CLIWindow.runId])
        #expect(runs.first?["last_hour"] as? String == window.end.iso8601)
        let events = try #require(before["events"] as? [[String: Any]])
        // The premise: the window trips the switch; the only releases in it are the BACKTEST
        // release policy's (risk.backtest_release_after_hours), never an operator's.
        #expect(events.contains { $0["kind"] as? String == "TRIPPED" }, "the premise: the window trips the switch")
        #expect(
            events.allSatisfy {
                $0["kind"] as? String == "TRIPPED"
                    || ($0["kind"] as? String == "RELEASED"
                        && $0["detail"] as? String == "by \(KillSwitchState.backtestPolicyOperator)")
            }, "\(events)")
        #expect(runs.first?["kill_switch"] as? [String: Any] != nil)

        let refused = try cli.run(["kill-switch", "release", "--by", " ", "--reason", "checked"] + account)
        #expect(refused.status == 2 && refused.stderr.contains("Please specify --by NAME"), "\(refused)")
        let release = try Self.json(
            try cli.run(["kill-switch", "release", "--json", "--by", "ops", "--reason", "spread back"] + account))
        let seq = try #require(release["seq"] as? Int)
        let after = try Self.json(try cli.run(["kill-switch", "status", "--json"] + account))
        let last = try #require((after["events"] as? [[String: Any]])?.last)
        #expect(
            last["seq"] as? Int == seq && last["kind"] as? String == "RELEASED"
                && last["reason"] as? String == "spread back")
        let text = try cli.run(["kill-switch", "status"] + account)
        // The text quotes its values as JSON strings (as it always has).
        #expect(
            text.status == 0 && text.stdout.hasPrefix("account \(CLIWindow.account)\n  run \"\(CLIWindow.runId)\" at "),
            "\(text)")
        #expect(text.stdout.contains("seq \(seq) \"RELEASED\" \"\" \"spread back\""), "\(text)")

        // The next hour applies the release; executing it again is refused with exit 3.
        let next =
            ["execute-hour", "--run-mode", "BACKTEST", "--hour-ts-utc", window.end.adding(hours: 1).iso8601]
            + window.runArguments
        let executed = try cli.run(next)
        #expect(executed.status == 0 && executed.stdout.hasPrefix("EXECUTED"), "\(executed)")
        let again = try cli.run(next)
        #expect(again.status == 3 && again.stderr.contains("already executed"), "\(again)")
    }

    @Test func eventsTailAndConfigShow() throws {
        let window = try CLIWindow.current()
        let tail = try window.cli.run(["events", "tail", "--limit", "3", "--stream", "run.\(CLIWindow.runId)"])
        #expect(tail.status == 0, "\(tail)")
        let lines = tail.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.last?.contains("\"event_type\":\"HourClosed\"") == true, "\(tail)")
        // More than one read's worth (1000): the whole tail, ending at the stream's last event.
        let long = try window.cli.run(["events", "tail", "--limit", "1500", "--stream", "run.\(CLIWindow.runId)"])
        let longLines = long.stdout.split(separator: "\n")
        #expect(long.status == 0 && longLines.count == 1500, "\(longLines.count) lines")
        #expect(longLines.last == lines.last)
        let config = try Self.json(try window.cli.run(["config", "show", "--json"]))
        #expect((config["sha256"] as? String)?.count == 64)
        #expect(config["config"] is [String: Any])
    }
}

/// Two weeks (past the features' 168 hours of warm-up) executed once through the binary for the suite.
struct CLIWindow: Sendable {
    static let account = "cli-runs"
    static let runId = "00000000-0000-4000-8000-0000000c11aa"
    static let hours: Int64 = 336

    let database: TestDatabase
    let cli: CLI
    let start: UTCTimestamp
    /// `execute-window --json`'s last manifest (JSON text, parsed on demand).
    let lastManifestText: String
    var end: UTCTimestamp { start.adding(hours: Self.hours - 1) }
    var runArguments: [String] { ["--account-id", Self.account, "--run-id", Self.runId] }
    var lastManifest: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(lastManifestText.utf8))) as? [String: Any] ?? [:]
    }

    @TaskLocal static var shared: CLIWindow?

    static func current() throws -> CLIWindow {
        guard let shared else { throw CLIFailure("CLIWindow exists only inside a suite with CLIWindowFixture()") }
        return shared
    }

    static func make(scratch: Scratch) throws -> CLIWindow {
        let start = UTCTimestamp.parse("2022-05-01T00:00:00Z")!
        let database = try TestDatabase.create("cliruns")
        do {
            let cli = try CLI(dsn: database.dsn, scratch: scratch)
            let end = start.adding(hours: hours - 1)
            let slices = try CycleCLIMarketData.writeSlices(to: scratch, from: start, through: end.adding(hours: 1))
            try cli.succeed(CycleCLIMarketData.ingestArguments(slices))
            let window = try cli.succeed(
                [
                    "execute-window", "--json", "--account-id", account, "--run-mode", "BACKTEST",
                    "--run-id", runId, "--start-hour-ts-utc", start.iso8601, "--end-hour-ts-utc", end.iso8601,
                ] + MomentumBaseline.arguments)
            let summary = try window.json()
            guard summary["executed"] as? Int == Int(hours), let last = summary["last_manifest"] else {
                throw CLIFailure("execute-window did not execute \(hours) hours: \(window)")
            }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: last), as: UTF8.self)
            return CLIWindow(database: database, cli: cli, start: start, lastManifestText: text)
        } catch {
            database.drop()
            throw error
        }
    }
}

/// Builds the window once for the suite; drops its database and scratch folder afterwards.
struct CLIWindowFixture: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void)
        async throws
    {
        let scratch = try Scratch("cliruns")
        defer { scratch.remove() }
        let window = try CLIWindow.make(scratch: scratch)
        defer { window.database.drop() }
        try await CLIWindow.$shared.withValue(window) { try await function() }
    }
}
