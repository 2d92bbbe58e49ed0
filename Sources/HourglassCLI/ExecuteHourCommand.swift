import ArgumentParser
import HourglassCore
import HourglassRuntime
import HourglassStore

/// `hourglass execute-hour`: run one hour once and append its events atomically.
struct ExecuteHourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute-hour",
        abstract: "Run one hour of a run and append its events, projections, snapshot and manifest in one transaction.",
        discussion: """
            The hour's bars must be ingested. The previous hour of the run must be done (or the hour \
            starts a new run). Exit codes: 0 executed; 3 refused (already executed — the stored manifest \
            is printed — or the previous hour is not done); 2 input error.

            With --latest (PAPER or LIVE, for cron or a systemd timer): the last closed hour by Kraken's \
            clock, catching up every missed hour first, bars ingested from Kraken. Safe to repeat: an hour \
            is never executed twice. Exit codes: 0 executed or already up to date; 1 the exchange failed \
            beyond its retries; 2 input error (LIVE without credentials); 3 another runner holds the account.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var runOptions: RunOptions

    @Option(help: "The hour, ISO-8601 UTC on the hour (2026-01-01T00:00:00Z).")
    var hourTsUtc: HourArgument?

    @Flag(help: "Execute the last closed hour by Kraken's clock, with catch-up (PAPER or LIVE).")
    var latest = false

    @Option(help: "With --latest: where a new run starts (default the latest closed hour).")
    var startHourTsUtc: HourArgument?

    @OptionGroup var runner: RunnerOptions

    func validate() throws {
        if latest {
            if hourTsUtc != nil { throw ValidationError("Please specify either --hour-ts-utc or --latest, not both.") }
            if runOptions.runMode == .backtest { throw ValidationError("--latest takes --run-mode PAPER or LIVE.") }
        } else {
            try runOptions.refuseLive()
            if hourTsUtc == nil { throw ValidationError("Please specify --hour-ts-utc T or --latest.") }
        }
    }

    func run() throws {
        if latest {
            return try runReportingRunnerErrors {
                let service = try runner.service(
                    global: global, options: runOptions, startHourTs: startHourTsUtc?.timestamp)
                StopFlag.installSignalHandlers()
                render(try service.once(), json: global.json)
            }
        }
        try runReportingErrors {
            let runner = CycleRunner(log: try global.openLog())
            let hour = hourTsUtc!.timestamp
            let record: RunRecord
            do { record = try RunResolver(runner: runner).runForExecution(runOptions, firstHour: hour) } catch let error
                as RunStoreError
            {
                throw CLIError.input(error.description)
            }
            let outcome: ExecuteOutcome
            do { outcome = try runner.executeHour(run: record, hourTs: hour, forceSnapshot: true).0 } catch let error
                as RunStoreError
            {
                if case .previousHourMissing = error { throw CLIError.refused(error.description) }
                throw CLIError.input(error.description)
            }
            switch outcome {
            case .executed(let manifest, let text, let count):
                if global.json {
                    Console.print(text)
                } else {
                    Console.print(
                        "EXECUTED \(hour) run \(record.context.runId): \(count) events, equity \(manifest.equityQuote.formatted(decimals: 2)), cash \(manifest.cashQuote.formatted(decimals: 2)), open positions \(manifest.openPositions), state \(manifest.stateSha256.hex)"
                    )
                }
            case .alreadyDone(let stored):
                Console.print(stored.manifestText)
                Console.error(
                    "refused: \(hour) of run \(record.context.runId) was already executed; nothing appended (the stored manifest is above)"
                )
                throw ExitCode.refused
            }
        }
    }
}
