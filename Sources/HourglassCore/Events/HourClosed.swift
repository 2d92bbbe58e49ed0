/// The last event of every hour: its manifest.
public struct HourClosed: EventPayload {
    public static let eventType = EventType.hourClosed
    public var manifest: HourManifest

    /// Creates the event.
    public init(manifest: HourManifest) { self.manifest = manifest }

    public func encode(to writer: inout ByteWriter) { manifest.encode(to: &writer) }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> HourClosed {
        HourClosed(manifest: try HourManifest.decode(from: &reader))
    }

    public var json: JSONValue { manifest.json }
}
