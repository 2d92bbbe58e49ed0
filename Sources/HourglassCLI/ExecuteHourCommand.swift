import ArgumentParser
import HourglassCore
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
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var runOptions: RunOptions

    @Option(help: "The hour, ISO-8601 UTC on the hour (2026-01-01T00:00:00Z).")
    var hourTsUtc: HourArgument

    func run() throws {
        try runReportingErrors {
            let runner = CycleRunner(log: try global.openLog())
            let hour = hourTsUtc.timestamp
            let record: RunRecord
            do { record = try RunResolver(runner: runner).runForExecution(runOptions, firstHour: hour) } catch let error as RunStoreError {
                throw CLIError.input(error.description)
            }
            let outcome: ExecuteOutcome
            do { outcome = try runner.executeHour(run: record, hourTs: hour, forceSnapshot: true).0 } catch let error as RunStoreError {
                if case .previousHourMissing = error { throw CLIError.refused(error.description) }
                throw CLIError.input(error.description)
            }
            switch outcome {
            case .executed(let manifest, let text, let count):
                if global.json { Console.print(text) } else {
                    Console.print("EXECUTED \(hour) run \(record.context.runId): \(count) events, equity \(manifest.equityQuote.formatted(decimals: 2)), cash \(manifest.cashQuote.formatted(decimals: 2)), open positions \(manifest.openPositions), state \(manifest.stateSha256.hex)")
                }
            case .alreadyDone(let stored):
                Console.print(stored.manifestText)
                Console.error("refused: \(hour) of run \(record.context.runId) was already executed; nothing appended (the stored manifest is above)")
                throw ExitCode.refused
            }
        }
    }
}
