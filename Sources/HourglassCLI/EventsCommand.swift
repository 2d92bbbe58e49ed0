import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

/// `hourglass events …`: read the log as a person.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print decoded events from the log as JSON.",
        subcommands: [EventsShowCommand.self, EventsTailCommand.self]
    )

    /// One event as JSON: header, hashes and the decoded payload.
    static func json(_ event: StoredEvent) -> JSONValue {
        let payload: JSONValue
        do { payload = try event.decode().json } catch { payload = .object(["decode_error": .string("\(error)")]) }
        return .object([
            "seq": .int(event.header.seq), "stream": .string(event.header.stream),
            "stream_version": .int(event.header.streamVersion),
            "run_id": event.header.runId.map { .string($0) } ?? .null,
            "account_id": event.header.accountId.map { .string($0) } ?? .null,
            "hour_ts_utc": event.header.hourTs.map { .timestamp($0) } ?? .null,
            "event_type": .string(event.header.eventType.rawValue), "codec": .int(Int64(event.codec)),
            "payload_sha256": .hash(event.header.payloadSha256), "chain_sha256": .hash(event.chainSha256),
            "payload": payload,
        ])
    }
}

/// `hourglass events show --seq N`.
struct EventsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one event, decoded.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The event's global sequence number.")
    var seq: Int64

    func run() throws {
        try runReportingErrors {
            let events = try global.openLog().read(afterSeq: seq - 1, limit: 1)
            guard let event = events.first, event.header.seq == seq else {
                throw CLIError.input("no event with seq \(seq)")
            }
            let value = EventsCommand.json(event)
            Console.print(global.json ? value.canonicalText : value.prettyText)
        }
    }
}

/// `hourglass events tail`.
struct EventsTailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the last events (one JSON object per line), optionally following new ones.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this stream (e.g. market.kraken, run.<uuid>).")
    var stream: String?

    @Option(help: "How many of the last events to print.")
    var limit: Int = 10

    @Flag(help: "Keep following the log and print events as they commit (Ctrl-C to stop).")
    var follow = false

    func validate() throws {
        if limit < 0 || limit > 100_000 { throw ValidationError("Please specify --limit between 0 and 100000.") }
    }

    func run() throws {
        try runReportingErrors {
            let log = try global.openLog()
            var cursor = try log.tailStart(stream: stream, limit: limit)
            // The last `limit` events, 1000 per read, then (with --follow) whatever comes after.
            var remaining = limit
            var more = true
            repeat {
                let batch = follow ? 1000 : min(1000, remaining)
                let events = batch > 0 ? try log.read(afterSeq: cursor, limit: batch, stream: stream) : []
                for event in events { Console.print(EventsCommand.json(event).canonicalText) }
                remaining -= events.count
                more = remaining > 0 && !events.isEmpty
                if let last = events.last {
                    cursor = last.header.seq
                } else if follow {
                    Thread.sleep(forTimeInterval: 0.5)
                }
                Console.flush()
            } while follow || more
        }
    }
}
