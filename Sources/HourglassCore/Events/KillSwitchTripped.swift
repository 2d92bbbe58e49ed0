/// The kill switch tripped at H: new entries are blocked until an operator releases it.
public struct KillSwitchTripped: EventPayload {
    public static let eventType = EventType.killSwitchTripped
    public var hourTs: UTCTimestamp
    /// `data_integrity`, `drawdown_halt`, ...
    public var reason: String
    /// One line of detail (`3 of 5 bars missing or invalid`).
    public var detail: String

    /// Creates the event.
    public init(hourTs: UTCTimestamp, reason: String, detail: String) {
        self.hourTs = hourTs
        self.reason = reason
        self.detail = detail
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(string: reason)
        writer.write(string: detail)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> KillSwitchTripped {
        KillSwitchTripped(
            hourTs: try reader.readTimestamp(), reason: try reader.readString(), detail: try reader.readString())
    }

    public var json: JSONValue {
        .object(["hour_ts_utc": .timestamp(hourTs), "reason": .string(reason), "detail": .string(detail)])
    }
}
