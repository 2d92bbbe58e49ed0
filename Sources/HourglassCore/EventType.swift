/// Every kind of event the log can hold. The raw value is the name stored in `events.event_type`
/// and fed into the hash chain, so a case is never renamed once written.
public enum EventType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// One market bar (its own stream per exchange).
    case barRecorded = "BarRecorded"

    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }
}
