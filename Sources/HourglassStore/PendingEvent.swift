import HourglassCore

/// An event ready to be appended: its canonical payload and the header fields the log does not assign.
public struct PendingEvent: Sendable {
    public var stream: String
    public var runId: String?
    public var accountId: String?
    public var hourTs: UTCTimestamp?
    public var eventType: EventType
    /// Canonical (uncompressed) payload bytes.
    public var payload: [UInt8]
    /// SHA-256 of `payload`.
    public var payloadSha256: Hash256

    /// Wraps a domain event for `stream`.
    public init(
        stream: String, runId: String? = nil, accountId: String? = nil, hourTs: UTCTimestamp? = nil, event: DomainEvent
    ) {
        self.init(
            stream: stream, runId: runId, accountId: accountId, hourTs: hourTs, eventType: event.eventType,
            payload: event.canonicalBytes)
    }

    /// Wraps already-encoded canonical bytes.
    public init(
        stream: String, runId: String?, accountId: String?, hourTs: UTCTimestamp?, eventType: EventType,
        payload: [UInt8]
    ) {
        self.stream = stream
        self.runId = runId
        self.accountId = accountId
        self.hourTs = hourTs
        self.eventType = eventType
        self.payload = payload
        self.payloadSha256 = Hash256.of(payload)
    }
}

/// An event read back from the log, payload decompressed and its hash checked.
public struct StoredEvent: Sendable {
    /// The hashed header.
    public var header: EventHeader
    /// How the payload was stored (0 raw, 1 LZ4).
    public var codec: UInt8
    /// Canonical payload bytes (decompressed).
    public var payload: [UInt8]
    /// The stored chain hash.
    public var chainSha256: Hash256

    /// Decodes the payload.
    public func decode() throws -> DomainEvent { try DomainEvent.decode(type: header.eventType, canonical: payload) }
}

/// What a stream's version must be for an append to go ahead (optimistic concurrency).
public enum ExpectedVersion: Sendable, Hashable {
    /// No check.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's last version must be exactly this.
    case exactly(Int64)
}
