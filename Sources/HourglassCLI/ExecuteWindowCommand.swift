import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

/// `hourglass execute-window`: run a range of hours, each hour atomically.
struct ExecuteWindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute-window",
        abstract: "Run every hour of a range in order; each hour commits on its own, so an interrupted window resumes.",
        discussion: """
            Hours already done are skipped, so re-running the same command after a crash completes \
            the window. Progress goes to stderr; the summary to stdout (--json for machines).

            A parameter sweep: give --sweep-config once per config file (BACKTEST only, no --config \
            or --run-id). Each file is its own run in the account, with a run id derived from the \
            account, the mode and the config's hash (the same id in every database, so re-running the \
            sweep resumes its runs), and --jobs N executes up to N runs at once, each on its own thread \
            and database connection. Each run's events and manifests are exactly those of \
            `execute-window --run-id ID --config FILE` run alone. One line (or, with --json, one \
            `runs` entry) per run, in the order given; the exit code is that of the first run that \
            failed, in that order (0 when none did). One run's hours depend on each other, so --jobs \
            above 1 needs --sweep-config.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var runOptions: RunOptions

    @Option(help: "First hour, ISO-8601 UTC on the hour.")
    var startHourTsUtc: HourArgument

    @Option(help: "Last hour (inclusive), ISO-8601 UTC on the hour.")
    var endHourTsUtc: HourArgument

    @Option(help: "Store a state snapshot every N hours (and always after the last hour).")
    var snapshotEvery: Int64 = 24

    @Option(
        help:
            "BACKTEST only: hours committed per transaction (1 = one per hour; PAPER and LIVE always commit each hour)."
    )
    var batchHours: Int = 512

    @Option(help: "A config file of a parameter sweep: one run per file (repeat the option; BACKTEST only).")
    var sweepConfig: [String] = []

    @Option(help: "With --sweep-config: how many runs execute at once.")
    var jobs: Int = 1

    func validate() throws {
        try runOptions.refuseLive()
        if endHourTsUtc.timestamp < startHourTsUtc.timestamp {
            throw ValidationError("Please specify --end-hour-ts-utc at or after --start-hour-ts-utc.")
        }
        if snapshotEvery < 1 { throw ValidationError("Please specify --snapshot-every of 1 or more.") }
        if !(1...CycleRunner.backtestBatchHoursMax).contains(batchHours) {
            throw ValidationError("Please specify --batch-hours from 1 to \(CycleRunner.backtestBatchHoursMax).")
        }
        if !(1...WindowSweep.maxJobs).contains(jobs) {
            throw ValidationError("Please specify --jobs from 1 to \(WindowSweep.maxJobs).")
        }
        if sweepConfig.isEmpty && jobs > 1 {
            throw ValidationError(
                "Please give --sweep-config files for --jobs above 1: one run's hours execute in order.")
        }
        if !sweepConfig.isEmpty {
            if runOptions.runMode != .backtest {
                throw ValidationError("Please use --run-mode BACKTEST for a sweep (--sweep-config).")
            }
            if runOptions.config != nil || runOptions.runId != nil {
                throw ValidationError(
                    "Please give a sweep's configs only as --sweep-config "
                        + "(no --config or --run-id: each run's id is derived).")
            }
        }
    }

    func run() throws {
        if !sweepConfig.isEmpty { return try runSweep() }
        try runReportingErrors {
            var runner = CycleRunner(
                log: try global.openLog(), snapshotEveryHours: snapshotEvery,
                backtestBatchHours: batchHours)
            let showProgress = !global.json && isatty(STDERR_FILENO) == 1
            if showProgress { runner.progress = { Console.progress("execute-window: \($0)") } }
            let start = startHourTsUtc.timestamp
            let end = endHourTsUtc.timestamp
            let record: RunRecord
            do { record = try RunResolver(runner: runner).runForExecution(runOptions, firstHour: start) } catch let
                error as RunStoreError
            {
                throw CLIError.input(error.description)
            }
            let started = MonotonicClock.now()
            var lastProgress = started
            let totals: WindowExecution
            do {
                totals = try WindowExecutor(runner: runner, run: record).run(from: start, through: end) {
                    totals, hour in
                    guard showProgress && MonotonicClock.seconds(since: lastProgress) >= 2 else { return }
                    lastProgress = MonotonicClock.now()
                    let rate = Double(totals.executed) / MonotonicClock.seconds(since: started)
                    let training =
                        totals.retrainings == 0
                        ? "" : ", \(totals.retrainings) retrainings (\(Int(totals.trainingSeconds.rounded())) s)"
                    Console.progress(
                        "execute-window: \(totals.executed + totals.alreadyDone)/\(totals.hours) hours (\(hour)), "
                            + "\(totals.events) events, \(Int(rate)) hours/s\(training)")
                }
            } catch let error as RunStoreError {
                throw Self.cliError(error)
            }
            let total = totals.hours
            let executed = totals.executed
            let skipped = totals.alreadyDone
            let events = totals.events
            let lastManifest = totals.lastManifest
            let seconds = MonotonicClock.seconds(since: started)
            let hoursPerSecond = seconds > 0 ? Double(executed) / seconds : 0
            let eventsPerSecond = seconds > 0 ? Double(events) / seconds : 0
            if global.json {
                var members: [String: JSONValue] = [
                    "run_id": .string(record.context.runId), "hours": .int(total), "executed": .int(Int64(executed)),
                    "already_done": .int(Int64(skipped)), "events": .int(Int64(events)),
                    "seconds": .double((seconds * 1000).rounded() / 1000),
                    "hours_per_second": .double(hoursPerSecond.rounded()),
                    "events_per_second": .double(eventsPerSecond.rounded()),
                    "retrainings": .int(Int64(totals.retrainings)),
                    "training_seconds": .double((totals.trainingSeconds * 1000).rounded() / 1000),
                ]
                if let lastManifest { members["last_manifest"] = lastManifest.json }
                Console.printJSON(.object(members))
            } else {
                Console.print(
                    "run \(record.context.runId): \(executed) hours executed, \(skipped) already done, \(events) events in \(String(format: "%.2f", seconds)) s (\(Int(hoursPerSecond)) hours/s, \(Int(eventsPerSecond)) events/s)"
                )
                if totals.retrainings > 0 {
                    Console.print(
                        "ensemble retrained \(totals.retrainings) times in "
                            + "\(String(format: "%.1f", totals.trainingSeconds)) s (included above)")
                }
                if let lastManifest {
                    Console.print(
                        "last hour \(lastManifest.hourTs): equity \(lastManifest.equityQuote.formatted(decimals: 2)), cash \(lastManifest.cashQuote.formatted(decimals: 2)), open positions \(lastManifest.openPositions)"
                    )
                }
            }
        }
    }

    /// A run's error as the command reports it: a gap before the window or hours another
    /// process committed are refusals (exit 3), any other store error is an input error (exit 2).
    static func cliError(_ error: RunStoreError) -> CLIError {
        switch error {
        case .previousHourMissing, .executedConcurrently: return .refused(error.description)
        default: return .input(error.description)
        }
    }
}
