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
    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @Option(help: "BACKTEST, PAPER or LIVE.")
    var runMode: RunMode

    @OptionGroup var runIdOptions: OptionalRunIdOptions
    var runId: String? { runIdOptions.runId }

    @Option(
        help:
            "Engine config file (JSON, partial: keys override the defaults). Only when a run starts; see `hourglass config show`."
    )
    var config: String?

    /// Refuses LIVE for commands that cannot trade live (only `run` and `execute-hour --latest` can).
    func refuseLive() throws {
        if runMode == .live {
            throw ValidationError(
                "LIVE trades only through `hourglass run` or `execute-hour --latest`; use --run-mode BACKTEST or PAPER here."
            )
        }
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
        do { return try EngineConfig(json: json) } catch {
            // Name the key's line too: the parsed value has no positions, the text does.
            guard let line = JSONKeyLines.line(of: error.keyPath, in: [UInt8](data)) else {
                throw CLIError.input("\(path): \(error)")
            }
            throw CLIError.input("\(path):\(line): \(error)")
        }
    }
}

/// Finds or starts the run a command means (the Store's resolution, with its errors as input errors).
struct RunResolver {
    let runner: CycleRunner

    /// The run to execute `firstHour` in (see `CycleRunner.runForExecution`).
    func runForExecution(_ options: RunOptions, firstHour: UTCTimestamp) throws -> RunRecord {
        let config = options.config == nil ? nil : try options.engineConfig()
        return try reportingInput {
            try runner.runForExecution(
                accountId: options.accountId, runMode: options.runMode, runId: options.runId, config: config,
                firstHour: firstHour, newRunId: UUIDGenerator.newLowercased)
        }
    }

    /// The existing run a replay or report means (see `RunStore.resolveRun`).
    func existingRun(accountId: String, runMode: RunMode?, runId: String?, covering hour: UTCTimestamp?) throws
        -> RunRecord
    {
        try reportingInput {
            try runner.store.resolveRun(accountId: accountId, runMode: runMode, runId: runId, covering: hour)
        }
    }

    /// `runId` (checked against the account), else every run of the account.
    func auditedRunIds(accountId: String, runId: String?) throws -> [String] {
        if let runId {
            return [try existingRun(accountId: accountId, runMode: nil, runId: runId, covering: nil).context.runId]
        }
        return try reportingInput { try runner.store.runIds(accountId: accountId) }
    }

    private func reportingInput<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as RunResolutionError { throw CLIError.input(error.description) }
    }
}

/// Random run ids (the shell may use randomness; the core never does).
enum UUIDGenerator {
    static func newLowercased() -> String { UUID().uuidString.lowercased() }
}
