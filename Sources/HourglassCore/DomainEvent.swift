/// Any decoded event payload: the one place that maps an `EventType` to its payload type.
public enum DomainEvent: Sendable, Equatable {
    case barRecorded(BarRecorded)

    /// The payload's event type.
    public var eventType: EventType {
        switch self {
        case .barRecorded: return .barRecorded
        }
    }

    /// The payload's canonical bytes.
    public var canonicalBytes: [UInt8] {
        switch self {
        case .barRecorded(let payload): return payload.canonicalBytes
        }
    }

    /// The payload as JSON.
    public var json: JSONValue {
        switch self {
        case .barRecorded(let payload): return payload.json
        }
    }

    /// Decodes canonical bytes of the given type.
    public static func decode(type: EventType, canonical bytes: [UInt8]) throws(CodecError) -> DomainEvent {
        switch type {
        case .barRecorded: return .barRecorded(try BarRecorded.decode(canonical: bytes))
        }
    }
}
