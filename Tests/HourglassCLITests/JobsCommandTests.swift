import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `--jobs` of `replay-window` and `execute-window`, through the built binary on real Kraken
/// bars: `replay-window --jobs 2` writes the byte-identical manifest file and the same JSON as
/// `--jobs 1` (plus `jobs`); a sweep's runs are each what `execute-window --run-id --config`
/// gives alone; bad values exit 2.
@Suite struct JobsCommandTests {
    static let account = "jobs"
    static let runId = "00000000-0000-4000-8000-000000000b5e"
    static let start = UTCTimestamp.parse("2022-05-01T00:00:00Z")!
    static let hours: Int64 = 192

    static var hourArguments: [String] {
        ["--start-hour-ts-utc", start.iso8601, "--end-hour-ts-utc", start.adding(hours: hours - 1).iso8601]
    }

    @Test func badJobsValuesExitTwo() throws {
        let scratch = try Scratch("jobs-bad")
        defer { scratch.remove() }
        let cli = try CLI(dsn: "postgresql://127.0.0.1:1/none", scratch: scratch)
        let replay = ["replay-window", "--account-id", Self.account, "--run-mode", "BACKTEST"] + Self.hourArguments
        let execute = ["execute-window", "--account-id", Self.account, "--run-mode", "BACKTEST"] + Self.hourArguments
        for value in ["0", "-1", "65", "two", ""] {
            for command in [replay, execute + ["--sweep-config", "a.json"]] {
                let outcome = try cli.run(command + ["--jobs", value])
                #expect(outcome.status == 2, "\(command[0]) --jobs '\(value)': \(outcome)")
                #expect(outcome.stderr.contains("jobs"), "\(command[0]) --jobs '\(value)' names the option: \(outcome)")
            }
        }
        // One run's hours depend on each other: --jobs above 1 needs a sweep; a sweep is BACKTEST
        // only and takes no --config or --run-id.
        let refused: [[String]] = [
            execute + ["--jobs", "2"],
            ["execute-window", "--account-id", Self.account, "--run-mode", "PAPER", "--sweep-config", "a.json"]
                + Self.hourArguments,
            execute + ["--sweep-config", "a.json", "--config", "b.json"],
            execute + ["--sweep-config", "a.json", "--run-id", Self.runId],
        ]
        for command in refused {
            let outcome = try cli.run(command)
            #expect(outcome.status == 2, "\(command.joined(separator: " ")): \(outcome)")
        }
        // Counting the state commitment's bytes is for a serial replay.
        let counted = try cli.run(replay + ["--jobs", "2", "--count-commitment"])
        #expect(counted.status == 2 && counted.stderr.contains("--count-commitment"), "\(counted)")
    }

    @Test func twoJobsWriteTheSameManifestsAndJSONAsOne() throws {
        let scratch = try Scratch("jobs-replay")
        defer { scratch.remove() }
        let database = try TestDatabase.create("jobs_replay")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let slices = try CycleCLIMarketData.writeSlices(
            to: scratch, from: Self.start, through: Self.start.adding(hours: Self.hours))
        try cli.succeed(CycleCLIMarketData.ingestArguments(slices))
        let window =
            ["--account-id", Self.account, "--run-mode", "BACKTEST", "--run-id", Self.runId] + Self.hourArguments
        try cli.succeed(["execute-window"] + window + ["--batch-hours", "50"] + MomentumBaseline.arguments)
        var files: [Data] = []
        var reports: [[String: Any]] = []
        for jobs in ["1", "2"] {
            let file = scratch.path("manifests-\(jobs).jsonl")
            let outcome = try cli.succeed(
                ["replay-window", "--json", "--from-genesis", "--jobs", jobs, "--manifest-out", file] + window)
            files.append(try Data(contentsOf: URL(fileURLWithPath: file)))
            reports.append(try outcome.json())
        }
        #expect(String(decoding: files[0], as: UTF8.self).split(separator: "\n").count == Int(Self.hours))
        #expect(files[0] == files[1], "--manifest-out differs between --jobs 1 and --jobs 2")
        #expect(reports[0]["jobs"] as? Int == 1 && reports[1]["jobs"] as? Int == 2)
        let timing: Set<String> = ["seconds", "hours_per_second", "events_per_second", "reducer_seconds", "jobs"]
        #expect(Set(reports[0].keys) == Set(reports[1].keys))
        for key in reports[0].keys.sorted() where !timing.contains(key) {
            #expect("\(reports[0][key]!)" == "\(reports[1][key]!)", "replay-window --json \(key)")
        }
        #expect(reports[1]["result"] as? String == "MATCH" && reports[1]["hours_matched"] as? Int == Int(Self.hours))

        // A changed manifest in the second part: both exit 1 naming the same hour and difference.
        let connection = try database.connect()
        let tampered = Self.start.adding(hours: 150)
        try connection.executeUnsafe(
            script: """
                SET session_replication_role = replica;
                UPDATE hour_manifests SET manifest = replace(manifest, '"engine_version":"', '"engine_version":"x')
                WHERE run_id = '\(Self.runId)' AND hour_ts_utc = '\(tampered.iso8601)'
                """, context: "tamper a manifest")
        var divergences: [String] = []
        for jobs in ["1", "2"] {
            let outcome = try cli.run(["replay-window", "--json", "--from-genesis", "--jobs", jobs] + window)
            #expect(outcome.status == 1, "--jobs \(jobs) on a tampered manifest: \(outcome)")
            let json = try outcome.json()
            #expect(json["hours_matched"] as? Int == 150)
            let divergence = try JSONSerialization.data(
                withJSONObject: try #require(json["divergence"]), options: [.sortedKeys])
            divergences.append(String(decoding: divergence, as: UTF8.self))
        }
        #expect(divergences[0] == divergences[1] && divergences[0].contains(tampered.iso8601), "\(divergences)")

        // The snapshot the second part starts from, replaced by another hour's: --jobs 2 refuses
        // it (exit 3), the serial replay from genesis reads no snapshot and still stops at hour 150.
        let boundary = Self.start.adding(hours: 95)
        let changed = try connection.executeUnsafe(
            script: """
                SET session_replication_role = replica;
                UPDATE hour_manifests SET snapshot_sha256 = (SELECT snapshot_sha256 FROM hour_manifests
                  WHERE run_id = '\(Self.runId)' AND hour_ts_utc = '\(Self.start.adding(hours: 47).iso8601)')
                WHERE run_id = '\(Self.runId)' AND hour_ts_utc = '\(boundary.iso8601)'
                """, context: "tamper a snapshot")
        #expect(changed.affectedRows == 1)
        let refused = try cli.run(["replay-window", "--from-genesis", "--jobs", "2"] + window)
        #expect(refused.status == 3, "a snapshot that does not verify: \(refused)")
        #expect(refused.stderr.contains("refused") && refused.stderr.contains(boundary.iso8601), "\(refused)")
        let serial = try cli.run(["replay-window", "--from-genesis", "--jobs", "1"] + window)
        #expect(serial.status == 1 && serial.stdout.hasPrefix("150 hours matched"), "\(serial)")
    }

    @Test func aSweepRunIsWhatTheSameRunGivesAlone() throws {
        let scratch = try Scratch("jobs-sweep")
        defer { scratch.remove() }
        let hours: Int64 = 96
        let end = Self.start.adding(hours: hours - 1)
        let slices = try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: end)
        let configs = [
            try scratch.write("two.json", Array(#"{"universe":["ETH/USD","XBT/USD"],"models":["momentum"]}"#.utf8)),
            try scratch.write(
                "three.json", Array(#"{"universe":["ETH/USD","LTC/USD","XBT/USD"],"models":["momentum"]}"#.utf8)),
        ]
        let hourArguments = ["--start-hour-ts-utc", Self.start.iso8601, "--end-hour-ts-utc", end.iso8601]
        let base = ["--account-id", Self.account, "--run-mode", "BACKTEST"] + hourArguments

        let swept = try TestDatabase.create("jobs_sweep")
        defer { swept.drop() }
        let sweepCLI = try CLI(dsn: swept.dsn, scratch: scratch)
        try sweepCLI.succeed(CycleCLIMarketData.ingestArguments(slices))
        let sweep = try sweepCLI.succeed(
            ["execute-window", "--json", "--jobs", "2"] + base + configs.flatMap { ["--sweep-config", $0] })
        let summary = try sweep.json()
        #expect(summary["jobs"] as? Int == 2)
        let runs = try #require(summary["runs"] as? [[String: Any]])
        #expect(runs.map { $0["config"] as? String } == configs)
        let runIds = runs.compactMap { $0["run_id"] as? String }
        #expect(runIds.count == 2 && runIds[0] != runIds[1])
        #expect(runs.allSatisfy { $0["executed"] as? Int == Int(hours) })

        let alone = try TestDatabase.create("jobs_alone")
        defer { alone.drop() }
        let aloneCLI = try CLI(dsn: alone.dsn, scratch: scratch)
        try aloneCLI.succeed(CycleCLIMarketData.ingestArguments(slices))
        for (config, runId) in zip(configs, runIds) {
            try aloneCLI.succeed(["execute-window"] + base + ["--run-id", runId, "--config", config])
            var files: [Data] = []
            for (label, cli) in [("sweep", sweepCLI), ("alone", aloneCLI)] {
                let file = scratch.path("\(label)-\(runId).jsonl")
                try cli.succeed(["replay-window", "--run-id", runId, "--manifest-out", file] + base)
                files.append(try Data(contentsOf: URL(fileURLWithPath: file)))
            }
            #expect(String(decoding: files[0], as: UTF8.self).split(separator: "\n").count == Int(hours))
            #expect(files[0] == files[1], "\(config): the sweep's manifests are those of the run alone")
        }
        // Re-running the sweep resumes the same runs: every hour is already done.
        let again = try sweepCLI.succeed(
            ["execute-window", "--json", "--jobs", "2"] + base + configs.flatMap { ["--sweep-config", $0] })
        let rerun = try #require(try again.json()["runs"] as? [[String: Any]])
        #expect(rerun.compactMap { $0["run_id"] as? String } == runIds)
        #expect(rerun.allSatisfy { $0["executed"] as? Int == 0 && $0["already_done"] as? Int == Int(hours) })
    }
}
