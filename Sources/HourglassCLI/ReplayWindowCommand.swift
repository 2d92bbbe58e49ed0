import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

/// `hourglass replay-window`: replay every hour of a range and compare it with the log.
struct ReplayWindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-window",
        abstract: "Replay a range of hours from the state before it and compare every hour with the log.",
        discussion: """
            Starts from the stored state before the range (or, with --from-genesis, from the run's \
            start) and carries the replayed state from hour to hour. Stops at the first divergence \
            and exits 1; exits 0 when every hour matches. --manifest-out writes each replayed hour's \
            manifest as one canonical JSON line. Hours of an ensemble run predict with the artifacts \
            their ModelTrained events name, loaded from the blob table (a missing or corrupt artifact \
            exits 1). --retrain also re-runs every training at the window's retrain hours and requires \
            the same artifact hashes, naming the first model (hour, kind, expected vs got) that differs.

            --jobs N splits the range at stored state snapshots (one every 24 hours by default) into \
            up to N parts replayed at once, each on its own thread and database connection. Every part \
            after the first starts from the snapshot after the hour before it, and refuses it (exit 3) \
            unless the snapshot hashes to that hour's stored state hash. The result is the serial \
            replay's: the same manifests in hour order, the same hours and events counted, and the \
            first divergence is the earliest hour's, whichever part finished first. --json adds only \
            the `jobs` field.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @Option(help: "BACKTEST, PAPER or LIVE.")
    var runMode: RunMode

    @OptionGroup var runIdOptions: OptionalRunIdOptions
    var runId: String? { runIdOptions.runId }

    @Option(help: "First hour, ISO-8601 UTC on the hour.")
    var startHourTsUtc: HourArgument

    @Option(help: "Last hour (inclusive), ISO-8601 UTC on the hour.")
    var endHourTsUtc: HourArgument

    @Flag(help: "Start from the run's first hour instead of the stored state before the range.")
    var fromGenesis = false

    @Option(help: "Write one canonical JSON manifest per replayed hour to this file.")
    var manifestOut: String?

    @Option(help: "Replay in up to N parts at once, split at stored snapshots (1 = serial).")
    var jobs: Int = 1

    @Flag(help: "Also re-run every model training in the window and require the same artifact hashes.")
    var retrain = false

    @Flag(
        help: """
            Also count the bytes each matched hour's state hash commits to (JSON state_commitment_bytes; \
            slows the replay; Scripts/bench adds them to its hash floor). Needs --jobs 1.
            """)
    var countCommitment = false

    func validate() throws {
        if endHourTsUtc.timestamp < startHourTsUtc.timestamp {
            throw ValidationError("Please specify --end-hour-ts-utc at or after --start-hour-ts-utc.")
        }
        if !(1...ParallelWindowReplayer.maxJobs).contains(jobs) {
            throw ValidationError("Please specify --jobs from 1 to \(ParallelWindowReplayer.maxJobs).")
        }
        if countCommitment && jobs != 1 {
            throw ValidationError("--count-commitment counts a serial replay: use it with --jobs 1.")
        }
    }

    func run() throws {
        try runReportingErrors {
            var runner = CycleRunner(log: try global.openLog())
            if !global.json && isatty(STDERR_FILENO) == 1 { runner.progress = { Console.progress($0) } }
            let record = try RunResolver(runner: runner).existingRun(
                accountId: accountId, runMode: runMode, runId: runId,
                covering: startHourTsUtc.timestamp)
            let start = startHourTsUtc.timestamp
            let end = endHourTsUtc.timestamp
            let dsn = try global.resolvedDSN()
            var output: FileHandle? = nil
            if let manifestOut {
                guard FileManager.default.createFile(atPath: manifestOut, contents: nil),
                    let handle = FileHandle(forWritingAtPath: manifestOut)
                else {
                    throw CLIError.input("\(manifestOut): cannot create the file")
                }
                output = handle
            }
            defer { try? output?.close() }
            // Manifests go out a megabyte at a time, not one write per hour.
            var pending: [UInt8] = []
            func flush() {
                if let output, !pending.isEmpty { output.write(Data(pending)) }
                pending.removeAll(keepingCapacity: true)
            }
            defer { flush() }
            let started = MonotonicClock.now()
            var lastProgress = started
            let report: WindowReplayReport
            do {
                let onHour: (String, Int, Int) -> Void = { manifestText, hoursDone, events in
                    if output != nil {
                        pending += manifestText.utf8
                        pending.append(UInt8(ascii: "\n"))
                        if pending.count >= 1 << 20 { flush() }
                    }
                    if !global.json && MonotonicClock.seconds(since: lastProgress) >= 2 {
                        lastProgress = MonotonicClock.now()
                        Console.progress("replay-window: \(hoursDone) hours, \(events) events verified")
                    }
                }
                if jobs == 1 {
                    report = try WindowReplayer(runner: runner, run: record, countsCommitment: countCommitment).replay(
                        from: start, through: end, fromGenesis: fromGenesis, onHour: onHour)
                } else {
                    report = try ParallelWindowReplayer(runner: runner, run: record, dsn: dsn, jobs: jobs).replay(
                        from: start, through: end, fromGenesis: fromGenesis, onHour: onHour)
                }
            } catch let error as WindowReplayError {
                throw CLIError.refused(error.description)
            } catch let error as RunStoreError {
                throw CLIError.input(error.description)
            }
            var retrainReport: RetrainReport? = nil
            if retrain && report.divergence == nil {
                retrainReport = try runner.verifyRetraining(run: record, from: start, through: end)
            }
            let seconds = MonotonicClock.seconds(since: started)
            let eventsPerSecond = seconds > 0 ? Double(report.eventsVerified) / seconds : 0
            let hoursPerSecond = seconds > 0 ? Double(report.hoursMatched) / seconds : 0
            if global.json {
                var members: [String: JSONValue] = [
                    "run_id": .string(record.context.runId), "hours_matched": .int(Int64(report.hoursMatched)),
                    "events_verified": .int(Int64(report.eventsVerified)),
                    "seconds": .double((seconds * 1000).rounded() / 1000),
                    "hours_per_second": .double(hoursPerSecond.rounded()),
                    "events_per_second": .double(eventsPerSecond.rounded()),
                    "result": .string(report.divergence == nil ? "MATCH" : "DIVERGED"),
                    "reducer_seconds": .double((report.reducerSeconds * 1000).rounded() / 1000),
                    "jobs": .int(Int64(jobs)),
                ]
                if let divergence = report.divergence { members["divergence"] = ReplayReport.json(divergence) }
                if let sha = report.lastStateSha256 { members["state_sha256"] = .string(sha) }
                if let bytes = report.stateCommitmentBytes { members["state_commitment_bytes"] = .int(Int64(bytes)) }
                if let retrainReport {
                    var retrained: [String: JSONValue] = [
                        "retrain_hours": .array(retrainReport.retrainHours.map { .timestamp($0) }),
                        "models_matched": .int(Int64(retrainReport.modelsMatched)),
                        "result": .string(retrainReport.mismatch == nil ? "MATCH" : "DIVERGED"),
                    ]
                    if let mismatch = retrainReport.mismatch { retrained["first_difference"] = .string("\(mismatch)") }
                    members["retrain"] = .object(retrained)
                    if retrainReport.mismatch != nil { members["result"] = .string("DIVERGED") }
                }
                Console.printJSON(.object(members))
            } else if let divergence = report.divergence {
                Console.print("\(report.hoursMatched) hours matched before the divergence")
                Console.print(ReplayReport.text(divergence))
            } else {
                Console.print(
                    "MATCH \(report.hoursMatched) hours, \(report.eventsVerified) events verified in \(String(format: "%.2f", seconds)) s (\(Int(hoursPerSecond)) hours/s, \(Int(eventsPerSecond)) events/s); state \(report.lastStateSha256 ?? "-")"
                )
                if let retrainReport {
                    if let mismatch = retrainReport.mismatch {
                        Console.print("RETRAIN DIVERGED: \(mismatch)")
                    } else {
                        Console.print(
                            "RETRAIN MATCH \(retrainReport.retrainHours.count) retrainings, "
                                + "\(retrainReport.modelsMatched) artifacts reproduced")
                    }
                }
            }
            if report.divergence != nil || retrainReport?.mismatch != nil { throw ExitCode.divergence }
        }
    }
}
