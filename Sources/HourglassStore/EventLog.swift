import HourglassCore

/// The append-only, hash-chained event log in PostgreSQL.
///
/// Appends are serialised by a transaction-level advisory lock taken before `seq` is drawn, so
/// events become visible in `seq` order: a reader following `seq` never skips an event that
/// commits later with a lower number. `seq` is dense (last + 1) and each event's chain hash
/// covers the previous one.
public final class EventLog {
    /// Advisory lock key serialising every append to this log ('hgappend').
    public static let appendLockKey: Int64 = 0x6867_6170_7065_6E64
    /// Payloads at least this long are LZ4-compressed when that saves at least 10%.
    public static let compressionThresholdBytes = 512
    /// Rows read per round trip when scanning.
    public static let readBatchRowsMax = 20_000

    /// The connection the log uses (internal: no SQL outside the store).
    let connection: PGConnection

    /// Wraps a connection.
    init(connection: PGConnection) { self.connection = connection }

    /// Connects to the database at `dsn` (libpq URI or key=value); errors never show the password.
    public static func open(dsn: String) throws -> EventLog { EventLog(connection: try PGConnection(dsn: dsn)) }

    /// The same log over a second connection (for a thread of its own).
    func reopen() throws -> EventLog { EventLog(connection: try connection.reopen()) }

    /// The seq after which the last `limit` events (of `stream`, or of the whole log) start.
    public func tailStart(stream: String?, limit: Int) throws -> Int64 {
        let result: PGResult
        if let stream {
            result = try connection.execute(
                """
                SELECT coalesce(min(seq) - 1, 0) FROM (SELECT seq FROM events WHERE stream = $1 ORDER BY seq DESC LIMIT $2) t
                """, [.text(stream), .int64(Int64(limit))], context: "find the tail")
        } else {
            result = try connection.execute(
                "SELECT greatest(coalesce(max(seq), 0) - $1, 0) FROM events",
                [.int64(Int64(limit))], context: "find the tail")
        }
        return result.int64(0, 0)!
    }

    /// Runs `body` in one transaction holding the append lock; everything it appends (events and
    /// projections) commits together or not at all.
    public func withAppendTransaction<T>(context: String, _ body: (inout AppendSession) throws -> T) throws -> T {
        try connection.executeUnsafe(script: "BEGIN", context: context)
        do {
            try connection.execute(
                "SELECT pg_advisory_xact_lock($1)", [.int64(Self.appendLockKey)], context: "take the append lock")
            let head = try connection.execute(
                "SELECT seq, chain_sha256 FROM events ORDER BY seq DESC LIMIT 1",
                binaryResults: true, context: "read the chain head")
            var session = AppendSession(
                connection: connection,
                lastSeq: head.rowCount == 0 ? 0 : head.int64(0, 0)!,
                lastChain: head.rowCount == 0 ? .zero : Hash256(bytes: head.bytes(0, 1)!))
            let value = try body(&session)
            try connection.executeUnsafe(script: "COMMIT", context: context)
            return value
        } catch {
            connection.rollbackQuietly()
            throw error
        }
    }

    /// Appends `events` in one transaction, checking each stream's expected version.
    @discardableResult
    public func append(_ events: [PendingEvent], expected: [String: ExpectedVersion] = [:]) throws -> [EventHeader] {
        try withAppendTransaction(context: "append events") { session in
            for stream in expected.keys.sorted() { try session.check(stream: stream, expected: expected[stream]!) }
            return try session.append(events)
        }
    }

    /// The highest `seq` in the log (0 when empty).
    public func lastSeq() throws -> Int64 {
        let result = try connection.execute("SELECT coalesce(max(seq), 0) FROM events", context: "read the last seq")
        return result.int64(0, 0)!
    }

    /// Reads events with `seq` > `afterSeq`, in order, at most `limit`, optionally one stream only.
    public func read(afterSeq: Int64, limit: Int, stream: String? = nil) throws -> [StoredEvent] {
        let columns =
            "seq, stream, stream_version, run_id::text, account_id, extract(epoch from hour_ts_utc)::bigint, event_type, codec, payload, payload_sha256, chain_sha256"
        let result: PGResult
        if let stream {
            result = try connection.execute(
                "SELECT \(columns) FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                [.text(stream), .int64(afterSeq), .int64(Int64(limit))], binaryResults: true, context: "read events")
        } else {
            result = try connection.execute(
                "SELECT \(columns) FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
                [.int64(afterSeq), .int64(Int64(limit))], binaryResults: true, context: "read events")
        }
        return try Self.decodeRows(result)
    }

    /// Reads events like `read(afterSeq:limit:)` but up to `toSeq`, and reports a corrupt payload as
    /// bytes that fail their hash instead of throwing (for chain verification).
    public func readRaw(afterSeq: Int64, limit: Int, toSeq: Int64?) throws -> [StoredEvent] {
        let columns =
            "seq, stream, stream_version, run_id::text, account_id, extract(epoch from hour_ts_utc)::bigint, event_type, codec, payload, payload_sha256, chain_sha256"
        let result = try connection.execute(
            "SELECT \(columns) FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
            [.int64(afterSeq), .int64(toSeq ?? Int64.max), .int64(Int64(limit))], binaryResults: true,
            context: "read events")
        return try Self.decodeRows(result, lenient: true)
    }

    /// Reads the events with the given seqs, in the order given (each hash-checked).
    public func read(seqs: [Int64]) throws -> [StoredEvent] {
        if seqs.isEmpty { return [] }
        let columns =
            "seq, stream, stream_version, run_id::text, account_id, extract(epoch from hour_ts_utc)::bigint, event_type, codec, payload, payload_sha256, chain_sha256"
        let list = seqs.map(String.init).joined(separator: ",")
        let result = try connection.execute(
            "SELECT \(columns) FROM events WHERE seq = ANY(string_to_array($1, ',')::bigint[])",
            [.text(list)], binaryResults: true, context: "read events by seq")
        let events = try Self.decodeRows(result)
        var bySeq: [Int64: StoredEvent] = [:]
        for event in events { bySeq[event.header.seq] = event }
        return try seqs.map { seq in
            guard let event = bySeq[seq] else {
                throw EventLogError.corruptPayload(seq: seq, reason: "event is missing")
            }
            return event
        }
    }

    /// Reads the events of one run and hour, in `seq` order.
    public func read(runId: String, hourTs: UTCTimestamp) throws -> [StoredEvent] {
        let columns =
            "seq, stream, stream_version, run_id::text, account_id, extract(epoch from hour_ts_utc)::bigint, event_type, codec, payload, payload_sha256, chain_sha256"
        let result = try connection.execute(
            "SELECT \(columns) FROM events WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2) ORDER BY seq",
            [.text(runId), .int64(hourTs.secondsSinceEpoch)], binaryResults: true, context: "read an hour's events")
        return try Self.decodeRows(result)
    }

    static func decodeRows(_ result: PGResult, lenient: Bool = false) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        events.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            let seq = result.int64(row, 0)!
            let typeName = String(decoding: result.bytes(row, 6)!, as: UTF8.self)
            guard let type = EventType(rawValue: typeName) else {
                throw EventLogError.unknownEventType(seq: seq, name: typeName)
            }
            // Lenient reads keep undecodable payloads as stored so the verifier can name the seq.
            let codec = UInt8(result.int64(row, 7)!)
            let stored = result.bytes(row, 8)!
            let payload: [UInt8]
            switch codec {
            case 0: payload = stored
            case 1:
                do { payload = try LZ4.decompress(stored) } catch {
                    if !lenient { throw EventLogError.corruptPayload(seq: seq, reason: "\(error)") }
                    payload = stored
                }
            default:
                if !lenient { throw EventLogError.corruptPayload(seq: seq, reason: "unknown codec \(codec)") }
                payload = stored
            }
            let payloadSha = Hash256(bytes: result.bytes(row, 9)!)
            if !lenient && Hash256.of(payload) != payloadSha { throw EventLogError.payloadHashMismatch(seq: seq) }
            let header = EventHeader(
                seq: seq, stream: String(decoding: result.bytes(row, 1)!, as: UTF8.self),
                streamVersion: result.int64(row, 2)!,
                runId: result.bytes(row, 3).map { String(decoding: $0, as: UTF8.self) },
                accountId: result.bytes(row, 4).map { String(decoding: $0, as: UTF8.self) },
                hourTs: result.int64(row, 5).map { UTCTimestamp(secondsSinceEpoch: $0) },
                eventType: type, payloadSha256: payloadSha)
            events.append(
                StoredEvent(
                    header: header, codec: codec, payload: payload, chainSha256: Hash256(bytes: result.bytes(row, 10)!))
            )
        }
        return events
    }
}
