/// The kill switch: once tripped it blocks new entries until an operator release arrives as an
/// input of a later hour.
public struct KillSwitchState: Sendable, Hashable {
    /// True while tripped.
    public var tripped: Bool
    /// Why it tripped (`data_integrity`, ...), while tripped.
    public var reason: String?
    /// The hour it tripped, while tripped.
    public var tripHourTs: UTCTimestamp?

    /// Creates a state.
    public init(tripped: Bool = false, reason: String? = nil, tripHourTs: UTCTimestamp? = nil) {
        self.tripped = tripped
        self.reason = reason
        self.tripHourTs = tripHourTs
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(bool: tripped)
        writer.write(optional: reason) { $0.write(string: $1) }
        writer.write(optional: tripHourTs) { $0.write(timestamp: $1) }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> KillSwitchState {
        KillSwitchState(
            tripped: try reader.readBool(),
            reason: try reader.readOptional { r throws(CodecError) in try r.readString() },
            tripHourTs: try reader.readOptional { r throws(CodecError) in try r.readTimestamp() })
    }
}
