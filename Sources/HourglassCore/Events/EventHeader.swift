/// The hashed header of a stored event: everything about it except the payload bytes, the codec
/// and the wall-clock `recorded_at`, which never enter a hash.
public struct EventHeader: Sendable, Hashable {
    /// Global position in the log (1-based, increasing, may have gaps).
    public var seq: Int64
    /// The stream the event belongs to (`market.kraken`, `run.<uuid>`).
    public var stream: String
    /// Position within the stream, 1-based and dense.
    public var streamVersion: Int64
    /// The run that produced the event, or nil for market data.
    public var runId: String?
    /// The account, or nil for market data.
    public var accountId: String?
    /// The hour the event belongs to, or nil.
    public var hourTs: UTCTimestamp?
    /// The payload's type.
    public var eventType: EventType
    /// SHA-256 of the canonical (uncompressed) payload bytes.
    public var payloadSha256: Hash256

    /// Creates a header.
    public init(
        seq: Int64, stream: String, streamVersion: Int64, runId: String?, accountId: String?,
        hourTs: UTCTimestamp?, eventType: EventType, payloadSha256: Hash256
    ) {
        self.seq = seq
        self.stream = stream
        self.streamVersion = streamVersion
        self.runId = runId
        self.accountId = accountId
        self.hourTs = hourTs
        self.eventType = eventType
        self.payloadSha256 = payloadSha256
    }

    /// Canonical bytes of the header fields that the chain covers (payload hash excluded; it is
    /// appended separately).
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter(capacity: 96)
        writeCanonical(to: &writer)
        return writer.bytes
    }

    /// Writes the canonical header bytes (the format of `canonicalBytes`).
    public func writeCanonical(to writer: inout ByteWriter) {
        writer.write(byte: 1)
        writer.write(signed: seq)
        writer.write(string: stream)
        writer.write(signed: streamVersion)
        writer.write(optional: runId) { $0.write(string: $1) }
        writer.write(optional: accountId) { $0.write(string: $1) }
        writer.write(optional: hourTs) { $0.write(timestamp: $1) }
        writer.write(string: eventType.rawValue)
    }

    /// `SHA-256(previous chain hash ‖ canonical header ‖ payload hash)`.
    ///
    /// The three parts are written into one buffer and hashed once: the same bytes as the
    /// concatenation, with one allocation instead of four (this runs once per appended event).
    public func chainHash(previous: Hash256) -> Hash256 {
        var input = ByteWriter(capacity: 64 + 96)
        input.write(raw: previous.bytes)
        writeCanonical(to: &input)
        input.write(raw: payloadSha256.bytes)
        return Hash256.of(input.bytes)
    }
}
