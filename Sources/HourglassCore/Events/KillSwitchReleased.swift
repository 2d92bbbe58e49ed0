/// An operator's release of the kill switch. Appended by `hourglass kill-switch release`, read as
/// an input of the next hour, applied by the cycle and echoed among that hour's outputs.
public struct KillSwitchReleased: EventPayload {
    public static let eventType = EventType.killSwitchReleased
    /// Who released it.
    public var releasedBy: String
    /// Why (recorded, required).
    public var reason: String

    /// Creates the event.
    public init(releasedBy: String, reason: String) {
        self.releasedBy = releasedBy
        self.reason = reason
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(string: releasedBy)
        writer.write(string: reason)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> KillSwitchReleased {
        KillSwitchReleased(releasedBy: try reader.readString(), reason: try reader.readString())
    }

    public var json: JSONValue { .object(["by": .string(releasedBy), "reason": .string(reason)]) }
}
