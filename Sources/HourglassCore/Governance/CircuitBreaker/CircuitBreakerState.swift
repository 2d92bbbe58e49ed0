/// The circuit breaker's persisted state: level, since when, and calm hours counted toward recovery.
public struct CircuitBreakerState: Sendable, Hashable {
    /// Current level.
    public var level: BreakerLevel
    /// Hour the current level was entered.
    public var sinceTs: UTCTimestamp
    /// Consecutive hours whose conditions called for a lower level.
    public var calmHours: Int

    /// Creates a state.
    public init(level: BreakerLevel, sinceTs: UTCTimestamp, calmHours: Int) {
        precondition(calmHours >= 0, "calm hours cannot be negative")
        self.level = level
        self.sinceTs = sinceTs
        self.calmHours = calmHours
    }

    /// NORMAL since `ts`: the state of a new run.
    public static func initial(at ts: UTCTimestamp) -> CircuitBreakerState {
        CircuitBreakerState(level: .normal, sinceTs: ts, calmHours: 0)
    }

    /// Canonical encoding: level rank, since, calm hours.
    public func encode(to writer: inout ByteWriter) {
        writer.write(byte: level.rank)
        writer.write(timestamp: sinceTs)
        writer.write(int: calmHours)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> CircuitBreakerState {
        let offset = reader.offset
        let rank = try reader.readByte()
        guard let level = BreakerLevel(rank: rank) else {
            throw .unknownTag("BreakerLevel", UInt64(rank), offset: offset)
        }
        let since = try reader.readTimestamp()
        let calm = try reader.readInt()
        guard calm >= 0 else { throw .invalidValue("negative breaker calm hours \(calm)") }
        return CircuitBreakerState(level: level, sinceTs: since, calmHours: calm)
    }

    /// JSON view.
    public var json: JSONValue {
        .object([
            "level": .string(level.rawValue), "since_ts": .timestamp(sinceTs), "calm_hours": .int(Int64(calmHours)),
        ])
    }
}
