import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass kill-switch status|release`.
struct KillSwitchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill-switch",
        abstract: "Show or release an account's kill switch.",
        subcommands: [KillSwitchStatusCommand.self, KillSwitchReleaseCommand.self]
    )
}

/// `hourglass kill-switch status`.
struct KillSwitchStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show trips and releases with their reasons, and the current state of each run.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    func run() throws {
        try runReportingErrors {
            let store = KillSwitchStore(log: try global.openLog())
            let history: [JSONValue] = try store.killSwitchHistory(accountId: accountId).map { entry in
                .object([
                    "seq": .int(entry.seq), "run_id": .string(entry.runId ?? ""),
                    "hour_ts_utc": .string(entry.hourTs?.iso8601 ?? ""),
                    "kind": .string(entry.kind), "reason": .string(entry.reason), "detail": .string(entry.detail),
                ])
            }
            let states: [JSONValue] = try store.runStates(accountId: accountId).map { state in
                .object([
                    "run_id": .string(state.runId), "last_hour": .string(state.lastHourTs.iso8601),
                    "kill_switch": .object([
                        "tripped": .bool(state.tripped), "reason": state.reason.map { .string($0) } ?? .null,
                    ]),
                ])
            }
            if global.json {
                Console.printJSON(
                    .object(["account_id": .string(accountId), "events": .array(history), "runs": .array(states)]))
                return
            }
            Console.print("account \(accountId)")
            for state in states {
                let tripped = state["kill_switch"]?["tripped"] == .bool(true)
                Console.print(
                    "  run \(state["run_id"]!.canonicalText) at \(state["last_hour"]!.canonicalText): \(tripped ? "TRIPPED (\(state["kill_switch"]?["reason"]?.canonicalText ?? ""))" : "normal")"
                )
            }
            for event in history {
                Console.print(
                    "  seq \(event["seq"]!.canonicalText) \(event["kind"]!.canonicalText) \(event["hour_ts_utc"]!.canonicalText) \(event["reason"]!.canonicalText) \(event["detail"]!.canonicalText)"
                )
            }
        }
    }
}

/// `hourglass kill-switch release`.
struct KillSwitchReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract:
            "Record an operator's release of the kill switch; the next executed hour of each of the account's runs applies it."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @Option(help: "Who releases it (recorded).")
    var by: String

    @Option(help: "Why it is safe to trade again (recorded).")
    var reason: String

    func validate() throws {
        if by.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("Please specify --by NAME (who releases the kill switch).")
        }
        if by == KillSwitchState.backtestPolicyOperator {
            throw ValidationError(
                "Please specify your own name with --by: '\(by)' is reserved for the BACKTEST release policy.")
        }
        if reason.trimmingCharacters(in: .whitespaces).count < 3 {
            throw ValidationError("Please specify --reason TEXT saying why trading may resume.")
        }
    }

    func run() throws {
        try runReportingErrors {
            let release = KillSwitchReleased(releasedBy: by, reason: reason)
            let seq = try KillSwitchStore(log: try global.openLog()).recordRelease(
                accountId: accountId, release: release)
            if global.json {
                Console.printJSON(
                    .object([
                        "seq": .int(seq), "account_id": .string(accountId), "by": .string(by),
                        "reason": .string(reason),
                    ]))
            } else {
                Console.print("released: seq \(seq); the next executed hour of each run of \(accountId) applies it")
            }
        }
    }
}
