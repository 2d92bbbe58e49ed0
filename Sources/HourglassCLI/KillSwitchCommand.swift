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
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show trips and releases with their reasons, and the current state of each run.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The account.")
    var accountId: String

    func run() throws {
        try runReportingErrors {
            let connection = try global.connect()
            let events = try connection.execute("""
                SELECT seq, coalesce(run_id::text, ''), coalesce(to_char(hour_ts_utc, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''), kind, reason, detail
                FROM kill_switch_events WHERE account_id = $1 ORDER BY seq
                """, [.text(accountId)], context: "read kill-switch events")
            let runs = try connection.execute("""
                SELECT DISTINCT ON (m.run_id) m.run_id::text, to_char(m.hour_ts_utc, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), m.manifest
                FROM hour_manifests m WHERE m.account_id = $1 ORDER BY m.run_id, m.hour_ts_utc DESC
                """, [.text(accountId)], context: "read run states")
            var history: [JSONValue] = []
            for row in 0..<events.rowCount {
                history.append(.object([
                    "seq": .int(events.int64(row, 0)!), "run_id": .string(events.string(row, 1)!), "hour_ts_utc": .string(events.string(row, 2)!),
                    "kind": .string(events.string(row, 3)!), "reason": .string(events.string(row, 4)!), "detail": .string(events.string(row, 5)!),
                ]))
            }
            var states: [JSONValue] = []
            for row in 0..<runs.rowCount {
                let manifest = try JSONValue.parse(runs.string(row, 2)!)
                states.append(.object(["run_id": .string(runs.string(row, 0)!), "last_hour": .string(runs.string(row, 1)!),
                                       "kill_switch": manifest["kill_switch"] ?? .null]))
            }
            if global.json {
                Console.printJSON(.object(["account_id": .string(accountId), "events": .array(history), "runs": .array(states)]))
                return
            }
            Console.print("account \(accountId)")
            for state in states {
                let tripped = state["kill_switch"]?["tripped"] == .bool(true)
                Console.print("  run \(state["run_id"]!.canonicalText) at \(state["last_hour"]!.canonicalText): \(tripped ? "TRIPPED (\(state["kill_switch"]?["reason"]?.canonicalText ?? ""))" : "normal")")
            }
            for event in history {
                Console.print("  seq \(event["seq"]!.canonicalText) \(event["kind"]!.canonicalText) \(event["hour_ts_utc"]!.canonicalText) \(event["reason"]!.canonicalText) \(event["detail"]!.canonicalText)")
            }
        }
    }
}

/// `hourglass kill-switch release`.
struct KillSwitchReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Record an operator's release of the kill switch; the next executed hour of each of the account's runs applies it.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The account.")
    var accountId: String

    @Option(help: "Who releases it (recorded).")
    var by: String

    @Option(help: "Why it is safe to trade again (recorded).")
    var reason: String

    func validate() throws {
        if by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Please specify --by NAME (who releases the kill switch).") }
        if reason.trimmingCharacters(in: .whitespaces).count < 3 { throw ValidationError("Please specify --reason TEXT saying why trading may resume.") }
    }

    func run() throws {
        try runReportingErrors {
            let log = EventLog(connection: try global.connect())
            let release = KillSwitchReleased(releasedBy: by, reason: reason)
            let stream = OperatorStream.name(accountId: accountId)
            let seq: Int64 = try log.withAppendTransaction(context: "record a kill-switch release") { session in
                let headers = try session.append([PendingEvent(stream: stream, runId: nil, accountId: accountId, hourTs: nil, event: .killSwitchReleased(release))])
                try ProjectionRows.killSwitchRelease(accountId: accountId, header: headers[0], release: release).write(session.connection)
                return headers[0].seq
            }
            if global.json { Console.printJSON(.object(["seq": .int(seq), "account_id": .string(accountId), "by": .string(by), "reason": .string(reason)])) }
            else { Console.print("released: seq \(seq); the next executed hour of each run of \(accountId) applies it") }
        }
    }
}
