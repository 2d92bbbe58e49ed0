import HourglassCore

/// One trip or release of an account's kill switch, as projected from the log.
public struct KillSwitchHistoryEntry: Sendable, Hashable {
    /// The event's global sequence number.
    public var seq: Int64
    /// The run that tripped it (nil for an operator's release, which applies to every run).
    public var runId: String?
    /// The hour it happened in (nil for a release).
    public var hourTs: UTCTimestamp?
    /// `TRIPPED` or `RELEASED`.
    public var kind: String
    public var reason: String
    public var detail: String
}

/// The kill switch of one run at the close of its last executed hour.
public struct RunKillSwitchState: Sendable, Hashable {
    public var runId: String
    public var lastHourTs: UTCTimestamp
    public var tripped: Bool
    /// Why it is tripped (nil when it is not).
    public var reason: String?
}

/// Reads an account's kill-switch history and records operators' releases.
public struct KillSwitchStore {
    let log: EventLog

    /// Wraps a log.
    public init(log: EventLog) { self.log = log }

    /// Every trip and release of the account, in log order.
    public func killSwitchHistory(accountId: String) throws -> [KillSwitchHistoryEntry] {
        let result = try log.connection.execute(
            """
            SELECT seq, run_id::text, extract(epoch from hour_ts_utc)::bigint, kind, reason, detail
            FROM kill_switch_events WHERE account_id = $1 ORDER BY seq
            """, [.text(accountId)], context: "read kill-switch events")
        return (0..<result.rowCount).map { row in
            KillSwitchHistoryEntry(
                seq: result.int64(row, 0)!, runId: result.string(row, 1),
                hourTs: result.int64(row, 2).map { UTCTimestamp(secondsSinceEpoch: $0) },
                kind: result.string(row, 3)!, reason: result.string(row, 4)!, detail: result.string(row, 5)!)
        }
    }

    /// Each of the account's runs with its kill switch at its last executed hour, by run id.
    public func runStates(accountId: String) throws -> [RunKillSwitchState] {
        let result = try log.connection.execute(
            """
            SELECT DISTINCT ON (m.run_id) m.run_id::text, extract(epoch from m.hour_ts_utc)::bigint, m.manifest
            FROM hour_manifests m WHERE m.account_id = $1 ORDER BY m.run_id, m.hour_ts_utc DESC
            """, [.text(accountId)], context: "read run states")
        return try (0..<result.rowCount).map { row in
            let hour = UTCTimestamp(secondsSinceEpoch: result.int64(row, 1)!)
            let manifest = try JSONValue.parse(result.string(row, 2)!)
            guard case .bool(let tripped)? = manifest["kill_switch"]?["tripped"] else {
                throw RunStoreError.inputCorrupt(seq: 0, reason: "the manifest of \(hour) has no kill_switch.tripped")
            }
            var reason: String? = nil
            if case .string(let text)? = manifest["kill_switch"]?["reason"] { reason = text }
            return RunKillSwitchState(runId: result.string(row, 0)!, lastHourTs: hour, tripped: tripped, reason: reason)
        }
    }

    /// Appends an operator's release to the account's operator stream, with its projection row,
    /// in one transaction; returns its seq. Every run of the account applies it at its next hour.
    public func recordRelease(accountId: String, release: KillSwitchReleased) throws -> Int64 {
        let stream = OperatorStream.name(accountId: accountId)
        return try log.withAppendTransaction(context: "record a kill-switch release") { session in
            let headers = try session.append([
                PendingEvent(
                    stream: stream, runId: nil, accountId: accountId, hourTs: nil,
                    event: .killSwitchReleased(release))
            ])
            try ProjectionRows.killSwitchRelease(accountId: accountId, header: headers[0], release: release)
                .write(session.connection)
            return headers[0].seq
        }
    }
}
