/// A value that is stored as an event: one canonical byte encoding and a JSON view for people.
///
/// The canonical bytes are a one-byte format version followed by `encode(to:)`. `decode` must
/// read exactly what `encode` wrote and refuse anything else, so `decode → encode` is the identity.
public protocol EventPayload: Sendable, Equatable {
    /// The event type this payload is stored under.
    static var eventType: EventType { get }
    /// The encoding version written as the first byte.
    static var formatVersion: UInt8 { get }
    /// Writes the fields in their fixed order.
    func encode(to writer: inout ByteWriter)
    /// Reads the fields written by `encode(to:)`.
    static func decode(from reader: inout ByteReader) throws(CodecError) -> Self
    /// The fields as JSON for `events show` and reports.
    var json: JSONValue { get }
}

extension EventPayload {
    public static var formatVersion: UInt8 { 1 }

    /// The canonical bytes: version byte, then the fields.
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter()
        writer.write(byte: Self.formatVersion)
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes canonical bytes, refusing a wrong version or trailing bytes.
    public static func decode(canonical bytes: [UInt8]) throws(CodecError) -> Self {
        var reader = ByteReader(bytes)
        let version = try reader.readByte()
        guard version == formatVersion else { throw .unsupportedVersion(eventType.rawValue, version) }
        let value = try decode(from: &reader)
        try reader.expectEnd()
        return value
    }
}
