import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass replay-hour`: recompute one hour and compare it with the log.
struct ReplayHourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-hour",
        abstract: "Replay one hour and compare every event and the state with the log, byte for byte.",
        discussion:
            "Prints `MATCH <state_sha256>` and exits 0, or `DIVERGED` with the first differing event and exits 1."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var runIdOptions: RunIdOptions
    var runId: String { runIdOptions.runId }

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @Option(help: "The hour, ISO-8601 UTC on the hour.")
    var hourTsUtc: HourArgument

    func run() throws {
        try runReportingErrors {
            let runner = CycleRunner(log: try global.openLog())
            let record = try RunResolver(runner: runner).existingRun(
                accountId: accountId, runMode: nil, runId: runId, covering: nil)
            let outcome: ReplayOutcome
            do { outcome = try runner.replayHour(run: record, hourTs: hourTsUtc.timestamp).0 } catch let error
                as RunStoreError
            {
                throw CLIError.input(error.description)
            }
            try ReplayReport.print(outcome, hour: hourTsUtc.timestamp, json: global.json)
        }
    }
}

/// Prints replay outcomes the same way for replay-hour and replay-window.
enum ReplayReport {
    static func json(_ divergence: ReplayDivergence) -> JSONValue {
        var members: [String: JSONValue] = [
            "hour_ts_utc": .timestamp(divergence.hourTs), "kind": .string(divergence.kind),
        ]
        if let event = divergence.event {
            members["event"] = .object([
                "index": .int(Int64(event.index)), "stored_type": event.storedType.map { .string($0) } ?? .null,
                "replayed_type": event.replayedType.map { .string($0) } ?? .null,
                "stored_sha256": event.storedSha256.map { .string($0) } ?? .null,
                "replayed_sha256": event.replayedSha256.map { .string($0) } ?? .null,
                "field_differences": .array(event.fieldDifferences.map { .string($0) }),
            ])
        }
        if let stored = divergence.stored { members["stored"] = .string(stored) }
        if let replayed = divergence.replayed { members["replayed"] = .string(replayed) }
        return .object(members)
    }

    static func text(_ divergence: ReplayDivergence) -> String {
        var lines = ["DIVERGED at \(divergence.hourTs): \(divergence.kind)"]
        if let event = divergence.event {
            lines.append(
                "  event index \(event.index): stored \(event.storedType ?? "<none>") sha256 \(event.storedSha256 ?? "-")"
            )
            lines.append("  replayed \(event.replayedType ?? "<none>") sha256 \(event.replayedSha256 ?? "-")")
            for difference in event.fieldDifferences.prefix(20) { lines.append("  \(difference)") }
        } else {
            lines.append("  stored   \(divergence.stored ?? "-")")
            lines.append("  replayed \(divergence.replayed ?? "-")")
        }
        return lines.joined(separator: "\n")
    }

    static func print(_ outcome: ReplayOutcome, hour: UTCTimestamp, json: Bool) throws {
        switch outcome {
        case .match(let sha, let count):
            if json {
                Console.printJSON(
                    .object([
                        "result": .string("MATCH"), "hour_ts_utc": .timestamp(hour), "state_sha256": .string(sha),
                        "events": .int(Int64(count)),
                    ]))
            } else {
                Console.print("MATCH \(sha)")
            }
        case .diverged(let divergence):
            if json {
                Console.printJSON(.object(["result": .string("DIVERGED"), "divergence": self.json(divergence)]))
            } else {
                Console.print(text(divergence))
            }
            throw ExitCode.divergence
        }
    }
}
