import Foundation
import HourglassCore
import HourglassExchangeTestSupport
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `hourglass run` and `execute-hour --latest` through the real binary, against a real server and
/// the loopback Kraken server serving real Kraken bars of ETH/USD and XBT/USD (March 2022).
@Suite(.serialized) struct RunnerCommandTests {
    /// 2022-03-01T00:00:00Z.
    static let start = UTCTimestamp(secondsSinceEpoch: 1_646_092_800)

    /// The server, a database, a config file (the two pairs, the momentum baseline) and a CLI pointed at both.
    final class Setup {
        let server: KrakenTestServer
        let database: TestDatabase
        let scratch: Scratch
        let cli: CLI
        let configPath: String

        init() throws {
            server = try KrakenTestServer()
            database = try TestDatabase.create("runner")
            scratch = try Scratch("runner")
            let from = RunnerCommandTests.start.adding(hours: -40 * 24)
            let through = RunnerCommandTests.start.adding(hours: 96)
            server.setCandles(
                "XXBTZUSD", try KrakenCandleFile.candles("kraken_XBTUSD_1h.csv", from: from, through: through))
            server.setCandles(
                "XETHZUSD", try KrakenCandleFile.candles("kraken_ETHUSD_1h.csv", from: from, through: through))
            configPath = try scratch.write(
                "config.json", Array(#"{"universe":["ETH/USD","XBT/USD"],"models":["momentum"]}"#.utf8))
            cli = try CLI(
                dsn: database.dsn, scratch: scratch,
                environment: [
                    "HOURGLASS_KRAKEN_URL": server.baseURL, "HOURGLASS_KRAKEN_KEY": "", "HOURGLASS_KRAKEN_SECRET": "",
                    "HOURGLASS_NONCE_FILE": scratch.path("nonce"),
                ])
            setClosedHours(2)
        }

        deinit {
            server.stop()
            database.drop()
            scratch.remove()
        }

        /// Kraken's clock 30 s after `count` hours from `start` have closed.
        func setClosedHours(_ count: Int64) {
            server.setClock(RunnerCommandTests.start.adding(hours: count).secondsSinceEpoch + 30)
        }

        var runArguments: [String] { ["--account-id", "acct", "--run-mode", "PAPER", "--config", configPath] }

        /// The run's id, from `--json` reports.
        func reports(_ outcome: CLIOutcome) throws -> [[String: Any]] {
            try #require(outcome.status == 0, "\(outcome)")
            return try #require(
                try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]], "\(outcome)")
        }
    }

    @Test func runOnceExecutesConsecutiveHoursCatchesUpAndEveryHourReplaysAndAudits() throws {
        let setup = try Setup()
        let first = try setup.reports(
            try setup.cli.run(
                ["run", "--once", "--json", "--start-hour-ts-utc", Self.start.iso8601]
                    + setup.runArguments))
        #expect(
            first.map { $0["hour_ts_utc"] as? String } == [Self.start.iso8601, Self.start.adding(hours: 1).iso8601])
        let runId = try #require(first.first?["run_id"] as? String)

        setup.setClosedHours(5)
        let second = try setup.reports(try setup.cli.run(["run", "--once", "--json"] + setup.runArguments))
        #expect(second.map { $0["hour_ts_utc"] as? String } == (2..<5).map { Self.start.adding(hours: $0).iso8601 })
        #expect(second.allSatisfy { $0["run_id"] as? String == runId })
        #expect(second.map { $0["outcome"] as? String } == ["executed_late", "executed_late", "executed"])

        let replay = try setup.cli.run([
            "replay-window", "--account-id", "acct", "--run-mode", "PAPER", "--run-id", runId,
            "--from-genesis", "--start-hour-ts-utc", Self.start.iso8601,
            "--end-hour-ts-utc", Self.start.adding(hours: 4).iso8601,
        ])
        #expect(replay.status == 0 && replay.stdout.hasPrefix("MATCH 5 hours"), "\(replay)")
        let audit = try setup.cli.run(["audit", "--account-id", "acct", "--run-id", runId])
        #expect(audit.status == 0 && audit.stdout.contains("AUDIT PASSED"), "\(audit)")
    }

    @Test func executeHourLatestTwiceExecutesOnce() throws {
        let setup = try Setup()
        let arguments =
            ["execute-hour", "--latest", "--start-hour-ts-utc", Self.start.adding(hours: 1).iso8601]
            + setup.runArguments
        let first = try setup.cli.run(arguments)
        #expect(first.status == 0 && first.stdout.hasPrefix("EXECUTED "), "\(first)")
        let events = try setup.database.eventCount()
        let second = try setup.cli.run(["execute-hour", "--latest"] + setup.runArguments)
        #expect(second.status == 0 && second.stdout.hasPrefix("UP-TO-DATE"), "\(second)")
        #expect(try setup.database.eventCount() == events, "a repeated call appends nothing")
        #expect(try setup.database.count("hour_manifests") == 1)
    }

    @Test func aSecondRunnerExitsThreeWithAClearMessage() throws {
        let setup = try Setup()
        let log = try setup.database.openLog()
        #expect(try AccountLock(log: log, accountId: "acct").tryAcquire())
        let refused = try setup.cli.run(["run", "--once"] + setup.runArguments)
        #expect(refused.status == 3, "\(refused)")
        #expect(refused.stderr.contains("another runner holds account acct"), "\(refused)")
        #expect(try setup.database.count("hour_manifests") == 0)
        try AccountLock(log: log, accountId: "acct").release()
        #expect(try setup.cli.run(["run", "--once"] + setup.runArguments).status == 0)
    }

    @Test func liveWithoutCredentialsRefusesToStartSayingWhatToSet() throws {
        let setup = try Setup()
        let refused = try setup.cli.run([
            "run", "--once", "--account-id", "acct", "--run-mode", "LIVE", "--config", setup.configPath,
        ])
        #expect(refused.status == 2, "\(refused)")
        #expect(
            refused.stderr.contains("HOURGLASS_KRAKEN_KEY") && refused.stderr.contains("--secrets-file"), "\(refused)")
        let window = try setup.cli.run([
            "execute-window", "--account-id", "acct", "--run-mode", "LIVE", "--start-hour-ts-utc",
            Self.start.iso8601, "--end-hour-ts-utc", Self.start.iso8601,
        ])
        #expect(window.status == 2, "\(window)")
        #expect(try setup.database.eventCount() == 0)
    }

    @Test func jsonLogLinesCarryRunHourAndOutcome() throws {
        let setup = try Setup()
        let outcome = try setup.cli.run(
            ["run", "--once", "--log-format", "json", "--start-hour-ts-utc", Self.start.iso8601]
                + setup.runArguments)
        #expect(outcome.status == 0, "\(outcome)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        var executed: [[String: String]] = []
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            let fields = try #require(object, "not a JSON object of strings: \(line)")
            if fields["message"] == "hour executed" { executed.append(fields) }
        }
        let hours: [String?] = executed.map { $0["hour.ts"] }
        #expect(hours == [Self.start.iso8601, Self.start.adding(hours: 1).iso8601])
        for fields in executed {
            #expect(fields["run.id"]?.count == 36)
            #expect(fields["outcome"] != nil)
            #expect(fields["level"] == "info")
        }
    }
}
