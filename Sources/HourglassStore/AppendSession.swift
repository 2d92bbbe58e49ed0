import HourglassCore

/// The inside of one append transaction: it holds the append lock, knows the chain head, assigns
/// `seq` and stream versions, and writes events with binary COPY.
public struct AppendSession {
    /// The transaction's connection (for projections written in the same transaction).
    public let connection: PGConnection
    /// Last `seq` in the log, including what this session appended.
    public private(set) var lastSeq: Int64
    /// Chain hash of `lastSeq`.
    public private(set) var lastChain: Hash256
    private var streamVersions: [String: Int64] = [:]

    init(connection: PGConnection, lastSeq: Int64, lastChain: Hash256) {
        self.connection = connection
        self.lastSeq = lastSeq
        self.lastChain = lastChain
    }

    /// The stream's last version (0 when the stream does not exist), including this session's appends.
    public mutating func version(of stream: String) throws -> Int64 {
        if let cached = streamVersions[stream] { return cached }
        let result = try connection.execute("SELECT coalesce(max(stream_version), 0) FROM events WHERE stream = $1",
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
        case .noStream: if actual != 0 { throw EventLogError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual) }
        case .exactly(let version): if actual != version { throw EventLogError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual) }
        }
    }

    /// Appends events in order; returns their headers with `seq` and stream versions assigned.
    public mutating func append(_ events: [PendingEvent]) throws -> [EventHeader] {
        if events.isEmpty { return [] }
        var copy = PGCopyBinaryWriter(capacity: events.count * 160)
        var headers: [EventHeader] = []
        headers.reserveCapacity(events.count)
        for event in events {
            let streamVersion = try version(of: event.stream) + 1
            streamVersions[event.stream] = streamVersion
            lastSeq += 1
            let header = EventHeader(seq: lastSeq, stream: event.stream, streamVersion: streamVersion, runId: event.runId,
                                     accountId: event.accountId, hourTs: event.hourTs, eventType: event.eventType,
                                     payloadSha256: event.payloadSha256)
            let chain = header.chainHash(previous: lastChain)
            lastChain = chain
            headers.append(header)
            try Self.writeRow(&copy, header: header, payload: event.payload, chain: chain)
        }
        let sql = "COPY events (seq, stream, stream_version, run_id, account_id, hour_ts_utc, event_type, codec, payload, payload_sha256, chain_sha256) FROM STDIN (FORMAT binary)"
        let copied = try connection.copyIn(sql, data: copy.finish(), context: "append \(events.count) event(s)")
        precondition(copied == events.count, "COPY wrote \(copied) of \(events.count) events")
        return headers
    }

    private static func writeRow(_ copy: inout PGCopyBinaryWriter, header: EventHeader, payload: [UInt8], chain: Hash256) throws {
        copy.beginRow(fieldCount: 11)
        copy.append(int64: header.seq)
        copy.append(text: header.stream)
        copy.append(int64: header.streamVersion)
        if let runId = header.runId {
            guard let uuid = UUIDText.bytes(runId) else { throw EventLogError.invalidRunId(runId) }
            copy.append(uuid: uuid)
        } else {
            copy.appendNull()
        }
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
