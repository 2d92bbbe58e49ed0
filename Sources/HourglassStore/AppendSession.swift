import HourglassCore

/// The inside of one append transaction: it holds the append lock, knows the chain head, assigns
/// `seq` and stream versions, and writes events with binary COPY.
public struct AppendSession {
    /// The transaction's connection (for projections written in the same transaction).
    let connection: PGConnection
    /// Last `seq` in the log, including what this session appended.
    public private(set) var lastSeq: Int64
    /// Chain hash of `lastSeq`.
    public private(set) var lastChain: Hash256
    private var streamVersions: [String: Int64] = [:]
    /// The last run id written and its 16 bytes: consecutive events of one run parse it once.
    private var lastRunId: (text: String, bytes: [UInt8])?

    init(connection: PGConnection, lastSeq: Int64, lastChain: Hash256) {
        self.connection = connection
        self.lastSeq = lastSeq
        self.lastChain = lastChain
    }

    /// The stream's last version (0 when the stream does not exist), including this session's appends.
    public mutating func version(of stream: String) throws -> Int64 {
        if let cached = streamVersions[stream] { return cached }
        let result = try connection.execute(
            "SELECT coalesce(max(stream_version), 0) FROM events WHERE stream = $1",
            [.text(stream)], context: "read the version of stream \(stream)")
        let version = result.int64(0, 0)!
        streamVersions[stream] = version
        return version
    }

    /// Throws `EventLogError.wrongExpectedVersion` unless the stream is where the caller expects.
    public mutating func check(stream: String, expected: ExpectedVersion) throws {
        let actual = try version(of: stream)
        switch expected {
        case .any: return
        case .noStream:
            if actual != 0 {
                throw EventLogError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual)
            }
        case .exactly(let version):
            if actual != version {
                throw EventLogError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual)
            }
        }
    }

    /// Appends events in order; returns their headers with `seq` and stream versions assigned.
    public mutating func append(_ events: [PendingEvent]) throws -> [EventHeader] {
        var headers: [EventHeader] = []
        headers.reserveCapacity(events.count)
        // Sorted, so the version lookups run in a fixed order.
        let streams = Array(Set(events.map(\.stream))).sorted()
        try append(
            streams: streams, count: events.count, event: { events[$0] },
            written: { _, header in headers.append(header) })
        return headers
    }

    /// Appends `count` events made one at a time by `event(index)`, in index order, and calls
    /// `written(index, header)` once each has its `seq`, stream version and chain hash. Every
    /// event's stream must be one of `streams`: their versions are read before the COPY starts,
    /// since no query can run while it is open.
    ///
    /// Rows stream to the server in chunks while later events are still being encoded and
    /// hashed, so a large append (a bar file) keeps both the client and the server busy. Nothing
    /// is visible until the surrounding transaction commits; an error aborts the COPY and the
    /// transaction rolls back.
    ///
    /// - Returns: the `seq` range appended (nil when `count` is 0).
    @discardableResult
    public mutating func append(
        streams: [String], count: Int, event: (Int) throws -> PendingEvent,
        written: (Int, EventHeader) throws -> Void
    ) throws -> ClosedRange<Int64>? {
        precondition(count >= 0 && count <= Self.appendCountMax, "an append holds 0...\(Self.appendCountMax) events")
        if count == 0 { return nil }
        for stream in streams { _ = try version(of: stream) }
        let firstSeq = lastSeq + 1
        let recordedAtMicroseconds = try serverClockMicroseconds()
        let copy = try PGCopyIn(connection: connection, sql: Self.copySQL, context: "append \(count) event(s)")
        // The current stream's version lives in locals: consecutive events of one stream (a bar
        // file) then skip the dictionary, whose String hashing showed in ingestion profiles.
        var currentStream = ""  // never a stream name (CHECK stream <> '')
        var currentVersion: Int64 = 0
        defer { if !currentStream.isEmpty { streamVersions[currentStream] = currentVersion } }
        do {
            for index in 0..<count {
                let pending = try event(index)
                if pending.stream != currentStream {
                    if !currentStream.isEmpty { streamVersions[currentStream] = currentVersion }
                    currentVersion = knownVersion(of: pending.stream)
                    currentStream = pending.stream
                }
                currentVersion += 1
                let streamVersion = currentVersion
                lastSeq += 1
                let header = EventHeader(
                    seq: lastSeq, stream: pending.stream, streamVersion: streamVersion, runId: pending.runId,
                    accountId: pending.accountId, hourTs: pending.hourTs, eventType: pending.eventType,
                    payloadSha256: pending.payloadSha256)
                let chain = header.chainHash(previous: lastChain)
                lastChain = chain
                try Self.writeRow(
                    &copy.writer, header: header, runIdBytes: try runIdBytes(header.runId), payload: pending.payload,
                    chain: chain, recordedAtMicroseconds: recordedAtMicroseconds)
                try written(index, header)
                try copy.flushIfFull()
            }
            let copied = try copy.finish()
            precondition(copied == count, "COPY wrote \(copied) of \(count) events")
        } catch {
            copy.abort("append failed: \(error)")
            throw error
        }
        assert(lastSeq == firstSeq + Int64(count) - 1)
        return firstSeq...lastSeq
    }

    /// Most events in one append call (a limit on everything: 10 million bars is 19 years of
    /// one-minute bars, far beyond any file).
    public static let appendCountMax = 10_000_000

    /// `recorded_at` is sent with the rows rather than left to the column's `clock_timestamp()`
    /// default: a volatile default makes PostgreSQL insert COPY rows one at a time, while an
    /// explicit value lets it batch them (about 10% less WAL and time per event). All events of
    /// one append share the server's clock at its start; recorded_at never enters a hash.
    static let copySQL = """
        COPY events (seq, stream, stream_version, run_id, account_id, hour_ts_utc, event_type, codec, payload, \
        payload_sha256, chain_sha256, recorded_at) FROM STDIN (FORMAT binary)
        """

    private func serverClockMicroseconds() throws -> Int64 {
        let result = try connection.execute(
            "SELECT (extract(epoch from clock_timestamp()) * 1000000)::bigint",
            context: "read the server clock")
        guard let microseconds = result.int64(0, 0) else {
            throw PGError(context: "read the server clock", sqlState: nil, message: "clock_timestamp() returned NULL")
        }
        return microseconds
    }

    /// The stream's last version, which must already be known (`streams` of the append): while
    /// a COPY is open no query can run.
    private func knownVersion(of stream: String) -> Int64 {
        guard let current = streamVersions[stream] else {
            preconditionFailure("stream \(stream) was not among the streams declared for this append")
        }
        return current
    }

    /// The 16 bytes of `runId` (nil for none), parsed once for a run of events with the same id.
    private mutating func runIdBytes(_ runId: String?) throws -> [UInt8]? {
        guard let runId else { return nil }
        if let last = lastRunId, last.text == runId { return last.bytes }
        guard let bytes = UUIDText.bytes(runId) else { throw EventLogError.invalidRunId(runId) }
        lastRunId = (runId, bytes)
        return bytes
    }

    private static func writeRow(
        _ copy: inout PGCopyBinaryWriter, header: EventHeader, runIdBytes uuid: [UInt8]?, payload: [UInt8],
        chain: Hash256, recordedAtMicroseconds: Int64
    ) throws {
        precondition(header.seq > 0 && header.streamVersion > 0 && !header.stream.isEmpty, "header fields are assigned")
        copy.beginRow(fieldCount: 12)
        copy.append(int64: header.seq)
        copy.append(text: header.stream)
        copy.append(int64: header.streamVersion)
        if let uuid { copy.append(uuid: uuid) } else { copy.appendNull() }
        if let account = header.accountId { copy.append(text: account) } else { copy.appendNull() }
        if let hour = header.hourTs { copy.append(timestamp: hour.secondsSinceEpoch) } else { copy.appendNull() }
        copy.append(text: header.eventType.rawValue)
        if payload.count >= EventLog.compressionThresholdBytes {
            let compressed = LZ4.compress(payload)
            if compressed.count * 10 <= payload.count * 9 {
                copy.append(int16: 1)
                copy.append(bytes: compressed)
            } else {
                copy.append(int16: 0)
                copy.append(bytes: payload)
            }
        } else {
            copy.append(int16: 0)
            copy.append(bytes: payload)
        }
        copy.append(bytes: header.payloadSha256.bytes)
        copy.append(bytes: chain.bytes)
        copy.append(timestampMicroseconds: recordedAtMicroseconds)
    }
}

/// Lower-case UUID text ⇄ 16 bytes, without Foundation.
public enum UUIDText {
    /// The 16 bytes of `8-4-4-4-12` hex text, or nil when malformed.
    public static func bytes(_ text: String) -> [UInt8]? {
        let hex = Array(text.utf8).filter { $0 != UInt8(ascii: "-") }
        guard text.utf8.count == 36, hex.count == 32 else { return nil }
        let dashes = [8, 13, 18, 23]
        for index in dashes where Array(text.utf8)[index] != UInt8(ascii: "-") { return nil }
        var out: [UInt8] = []
        for pair in stride(from: 0, to: 32, by: 2) {
            guard let high = nibble(hex[pair]), let low = nibble(hex[pair + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    /// True when `text` is a well-formed UUID.
    public static func isValid(_ text: String) -> Bool { bytes(text) != nil }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}
