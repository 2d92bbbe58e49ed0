/// The governance verdict on one proposed order: every rule's result, the decision and the approved quantity.
public struct VerdictRecorded: EventPayload {
    public static let eventType = EventType.verdictRecorded
    public var hourTs: UTCTimestamp
    public var verdict: GovernanceVerdict

    /// Creates the event.
    public init(hourTs: UTCTimestamp, verdict: GovernanceVerdict) {
        self.hourTs = hourTs
        self.verdict = verdict
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        verdict.encode(to: &writer)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> VerdictRecorded {
        VerdictRecorded(hourTs: try reader.readTimestamp(), verdict: try GovernanceVerdict.decode(from: &reader))
    }

    public var json: JSONValue {
        .object(["hour_ts_utc": .timestamp(hourTs), "verdict": verdict.json])
    }
}
