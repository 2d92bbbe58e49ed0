import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

extension RunMode: ExpressibleByArgument {}

/// Parses `T` (ISO-8601 UTC on the hour) for hour options.
struct HourArgument: ExpressibleByArgument {
    let timestamp: UTCTimestamp

    init?(argument: String) {
        guard let parsed = UTCTimestamp.parse(argument), parsed.isOnHour else { return nil }
        timestamp = parsed
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// The run a command acts on: account, mode and optional run id and config file.
struct RunOptions: ParsableArguments {
    @Option(help: "The account the run trades for.")
    var accountId: String

    @Option(help: "BACKTEST, PAPER or LIVE.")
    var runMode: RunMode

    @Option(help: "The run's UUID. Without it, the account's run of this mode that fits is continued, or a new run starts.")
    var runId: String?

    @Option(help: "Engine config file (JSON, partial: keys override the defaults). Only when a run starts; see `hourglass config show`.")
    var config: String?

    func validate() throws {
        if accountId.isEmpty || accountId.count > 64 { throw ValidationError("Please specify an --account-id of 1 to 64 characters.") }
        if let runId, !UUIDText.isValid(runId) { throw ValidationError("Please specify --run-id as a UUID (e.g. 3f2b…-…).") }
        if runMode == .live { throw ValidationError("LIVE trading needs an exchange adapter that is not built yet; use --run-mode BACKTEST or PAPER.") }
    }

    /// The engine config: defaults overridden by the `--config` file.
    func engineConfig() throws -> EngineConfig {
        guard let path = config else { return .default }
        return try ConfigFile.load(path: path)
    }
}

/// Reads a JSON config file into an `EngineConfig`, with errors that name the file.
enum ConfigFile {
    static func load(path: String) throws -> EngineConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.input("\(path): cannot read the config file")
        }
        let json: JSONValue
        do { json = try JSONValue.parse([UInt8](data)) } catch { throw CLIError.input("\(path): \(error)") }
        do { return try EngineConfig(json: json) } catch { throw CLIError.input("\(path): \(error)") }
    }
}

/// Finds or starts the run a command means.
struct RunResolver {
    let runner: CycleRunner

    /// The run to execute `hourTs` in: `--run-id` if given (started at `hourTs` when new), else
    /// the account's single run of this mode whose last executed hour is `hourTs - 1` or that
    /// starts at `hourTs`, else a new run starting at `hourTs`.
    func runForExecution(_ options: RunOptions, firstHour: UTCTimestamp) throws -> RunRecord {
        let context = RunContext(runId: try options.runId ?? findRun(options, firstHour: firstHour) ?? UUIDGenerator.newLowercased(),
                                 accountId: options.accountId, runMode: options.runMode)
        if let existing = try runner.store.run(context.runId) {
            if options.config != nil { _ = try CycleRunnerCheck.check(existing, context: context, config: try options.engineConfig()) }
            else { _ = try CycleRunnerCheck.check(existing, context: context, config: nil) }
            return existing
        }
        return try runner.startRun(context: context, config: try options.engineConfig(), startHourTs: firstHour)
    }

    /// An existing run of (account, mode) that starts at `firstHour` or whose last hour is just before it.
    func findRun(_ options: RunOptions, firstHour: UTCTimestamp) throws -> String? {
        let result = try runner.log.connection.execute("""
            SELECT r.run_id::text FROM runs r
            LEFT JOIN LATERAL (SELECT max(hour_ts_utc) AS last FROM hour_manifests m WHERE m.run_id = r.run_id) h ON true
            WHERE r.account_id = $1 AND r.run_mode = $2
              AND (r.start_hour_ts_utc = to_timestamp($3) OR h.last = to_timestamp($3) - interval '1 hour'
                   OR (h.last >= to_timestamp($3) AND r.start_hour_ts_utc <= to_timestamp($3)))
            ORDER BY r.seq
            """, [.text(options.accountId), .text(options.runMode.rawValue), .int64(firstHour.secondsSinceEpoch)],
            context: "find the account's run")
        if result.rowCount > 1 {
            let ids = (0..<result.rowCount).map { result.string($0, 0)! }.joined(separator: ", ")
            throw CLIError.input("several \(options.runMode.rawValue) runs of account \(options.accountId) fit \(firstHour): \(ids); please specify --run-id")
        }
        return result.rowCount == 1 ? result.string(0, 0) : nil
    }

    /// The existing run a replay or report means: `--run-id`, else the single run of (account, mode) covering `hour`.
    func existingRun(accountId: String, runMode: RunMode?, runId: String?, covering hour: UTCTimestamp?) throws -> RunRecord {
        if let runId {
            guard let run = try runner.store.run(runId) else { throw CLIError.input("run \(runId) does not exist") }
            if run.context.accountId != accountId { throw CLIError.input("run \(runId) belongs to account \(run.context.accountId), not \(accountId)") }
            if let runMode, run.context.runMode != runMode { throw CLIError.input("run \(runId) is a \(run.context.runMode.rawValue) run, not \(runMode.rawValue)") }
            return run
        }
        let result = try runner.log.connection.execute("""
            SELECT DISTINCT r.run_id::text, r.seq FROM runs r JOIN hour_manifests m ON m.run_id = r.run_id
            WHERE r.account_id = $1 AND ($2::text IS NULL OR r.run_mode = $2) AND ($3::bigint IS NULL OR m.hour_ts_utc = to_timestamp($3))
            ORDER BY r.seq
            """, [.text(accountId), .text(runMode?.rawValue), hour.map { .int64($0.secondsSinceEpoch) } ?? .null],
            context: "find the account's run")
        guard result.rowCount > 0 else {
            throw CLIError.input("account \(accountId) has no \(runMode?.rawValue ?? "") run\(hour.map { " that executed \($0)" } ?? ""); check --account-id and the hours")
        }
        if result.rowCount > 1 {
            let ids = (0..<result.rowCount).map { result.string($0, 0)! }.joined(separator: ", ")
            throw CLIError.input("several runs of account \(accountId) fit: \(ids); please specify --run-id")
        }
        return try runner.store.run(result.string(0, 0)!)!
    }
}

/// The run checks of `CycleRunner`, reachable from the CLI.
enum CycleRunnerCheck {
    static func check(_ record: RunRecord, context: RunContext, config: EngineConfig?) throws -> Bool {
        try CycleRunner.check(record, matches: context, config: config)
        return true
    }
}

/// Random run ids (the shell may use randomness; the core never does).
enum UUIDGenerator {
    static func newLowercased() -> String { UUID().uuidString.lowercased() }
}
