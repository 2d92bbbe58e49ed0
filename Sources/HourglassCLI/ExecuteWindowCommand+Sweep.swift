import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

extension ExecuteWindowCommand {
    /// `--sweep-config`: every config its own run, up to `--jobs` at once.
    func runSweep() throws {
        try runReportingErrors {
            var runs: [SweepRun] = []
            for path in sweepConfig {
                let run = SweepRun(
                    label: path, config: try ConfigFile.load(path: path), accountId: runOptions.accountId,
                    runMode: runOptions.runMode)
                if let same = runs.first(where: { $0.runId == run.runId }) {
                    throw CLIError.input("\(path): the same config as \(same.label) (one run per config)")
                }
                runs.append(run)
            }
            let sweep = WindowSweep(
                dsn: try global.resolvedDSN(), jobs: jobs, snapshotEveryHours: snapshotEvery,
                backtestBatchHours: batchHours)
            let started = MonotonicClock.now()
            let outcomes = sweep.executeAll(
                runs: runs, accountId: runOptions.accountId, runMode: runOptions.runMode,
                from: startHourTsUtc.timestamp, through: endHourTsUtc.timestamp
            ) { outcome in
                if !global.json {
                    Console.progress("execute-window: run \(outcome.run.runId) (\(outcome.run.label)) finished")
                }
            }
            let seconds = MonotonicClock.seconds(since: started)
            if global.json {
                Console.printJSON(
                    .object([
                        "jobs": .int(Int64(jobs)), "seconds": .double((seconds * 1000).rounded() / 1000),
                        "runs": .array(outcomes.map(Self.json)),
                    ]))
            } else {
                for outcome in outcomes { Console.print(Self.text(outcome)) }
                Console.print(
                    "sweep: \(outcomes.count) runs, \(outcomes.filter { (try? $0.result.get()) != nil }.count) "
                        + "completed, --jobs \(jobs), \(String(format: "%.2f", seconds)) s")
            }
            for outcome in outcomes {
                if case .failure(let error) = outcome.result { throw Self.cliError(any: error) }
            }
        }
    }

    /// A sweep run's JSON: the single run's members (`config` added), or its `error`.
    static func json(_ outcome: SweepOutcome) -> JSONValue {
        var members: [String: JSONValue] = [
            "config": .string(outcome.run.label), "run_id": .string(outcome.run.runId),
            "seconds": .double((outcome.seconds * 1000).rounded() / 1000),
        ]
        switch outcome.result {
        case .success(let totals):
            members["hours"] = .int(totals.hours)
            members["executed"] = .int(Int64(totals.executed))
            members["already_done"] = .int(Int64(totals.alreadyDone))
            members["events"] = .int(Int64(totals.events))
            let rate = outcome.seconds > 0 ? Double(totals.executed) / outcome.seconds : 0
            members["hours_per_second"] = .double(rate.rounded())
            if let manifest = totals.lastManifest { members["last_manifest"] = manifest.json }
        case .failure(let error):
            members["error"] = .string(cliError(any: error).description)
        }
        return .object(members)
    }

    /// A sweep run's text line.
    static func text(_ outcome: SweepOutcome) -> String {
        let name = "run \(outcome.run.runId) (\(outcome.run.label))"
        switch outcome.result {
        case .success(let totals):
            var line =
                "\(name): \(totals.executed) hours executed, \(totals.alreadyDone) already done, \(totals.events) "
                + "events in \(String(format: "%.2f", outcome.seconds)) s"
            if let manifest = totals.lastManifest {
                line +=
                    "; last hour \(manifest.hourTs): equity \(manifest.equityQuote.formatted(decimals: 2)), "
                    + "cash \(manifest.cashQuote.formatted(decimals: 2)), open positions \(manifest.openPositions)"
            }
            return line
        case .failure(let error):
            return "\(name): FAILED: \(cliError(any: error).description)"
        }
    }

    /// Any run error as the single-run command would report it.
    static func cliError(any error: any Error) -> CLIError {
        switch error {
        case let error as RunStoreError: return cliError(error)
        case let error as CLIError: return error
        default: return .input("error: \(error)")
        }
    }
}
