import ArgumentParser
import Foundation
import HourglassCore
import HourglassExchange
import HourglassRuntime
import HourglassStore

extension LogFormat: ExpressibleByArgument {}

/// Options of the commands that run hours against the exchange (`run`, `execute-hour --latest`).
struct RunnerOptions: ParsableArguments {
    @Option(
        help:
            "A file with key= and secret= lines (else HOURGLASS_KRAKEN_KEY and HOURGLASS_KRAKEN_SECRET). LIVE needs one."
    )
    var secretsFile: String?

    @Option(help: "text or json (one JSON object per line on stderr).")
    var logFormat: LogFormat = .text

    @Option(help: "LIVE: seconds after an hour closed within which its orders may still be sent.")
    var liveDeadlineSeconds: Int64 = RunnerSettings.defaultLiveDeadlineSeconds

    /// Opens the runner for `options`, starting a new run at `startHourTs` when given; maps a
    /// missing credential to an input error that says what to set.
    func service(global: GlobalOptions, options: RunOptions, startHourTs: UTCTimestamp?) throws -> RunnerService {
        if options.runMode == .backtest {
            throw CLIError.input("the runner runs PAPER or LIVE; a BACKTEST runs with execute-window")
        }
        let config = options.config == nil ? nil : try options.engineConfig()
        let settings = RunnerSettings(
            accountId: options.accountId, runMode: options.runMode, runId: options.runId, config: config,
            startHourTs: startHourTs, liveDeadlineSeconds: liveDeadlineSeconds)
        do {
            return try RunnerService(
                dsn: try global.resolvedDSN(), settings: settings, environment: ProcessInfo.processInfo.environment,
                secretsFile: secretsFile, logger: logFormat.logger(label: "hourglass.runner"))
        } catch let error as KrakenConfigurationError {
            throw CLIError.input("refused to start \(options.runMode.rawValue): \(error)")
        }
    }
}

/// Runs a runner body with the contract's exit codes: 3 when another runner holds the account,
/// 1 when the exchange failed beyond its retries, 2 for a run that does not fit.
func runReportingRunnerErrors(_ body: () throws -> Void) throws {
    try runReportingErrors {
        do { try body() } catch let error as RunnerError {
            switch error {
            case .accountLocked: throw CLIError.refused("refused: \(error)")
            case .exchangeUnavailable: throw CLIError.divergence("error: \(error)")
            case .unknownPair: throw CLIError.input("error: \(error)")
            }
        } catch let error as RunResolutionError {
            throw CLIError.input(error.description)
        } catch let error as RunStoreError {
            throw CLIError.input(error.description)
        }
    }
}

/// Prints what a pass did: one line per hour, or a JSON array with `--json`.
func render(_ reports: [HourReport], json: Bool) {
    if json {
        Console.printJSON(
            .array(
                reports.map { report in
                    .object([
                        "run_id": .string(report.runId), "hour_ts_utc": .timestamp(report.hourTs),
                        "outcome": .string(report.outcome.rawValue),
                        "events": .int(Int64(report.eventCount)), "orders_approved": .int(Int64(report.ordersApproved)),
                        "orders_sent": .int(Int64(report.ordersSent)),
                        "equity": report.equityQuote.map { .decimal($0) } ?? .null,
                        "kill_switch_tripped": .bool(report.killSwitchTripped),
                    ])
                }))
        return
    }
    if reports.isEmpty { Console.print("UP-TO-DATE: every closed hour is done") }
    for report in reports {
        Console.print(
            "\(report.outcome.rawValue.uppercased()) \(report.hourTs) run \(report.runId): \(report.eventCount) events, "
                + "\(report.ordersApproved) orders approved, \(report.ordersSent) sent"
                + (report.equityQuote.map { ", equity \($0.formatted(decimals: 2))" } ?? "")
                + (report.killSwitchTripped ? ", kill switch TRIPPED" : ""))
    }
}
