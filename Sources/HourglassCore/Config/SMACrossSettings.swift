/// Window lengths of the `sma_cross` model: long when SMA(fast) of closes crosses above SMA(slow).
public struct SMACrossSettings: Sendable, Hashable {
    /// Closes averaged by the fast moving average.
    public var fastHours: Int
    /// Closes averaged by the slow moving average (the window keeps `slowHours + 1` closes).
    public var slowHours: Int

    /// Creates settings.
    public init(fastHours: Int, slowHours: Int) {
        self.fastHours = fastHours
        self.slowHours = slowHours
    }

    /// One day against one week.
    public static let `default` = SMACrossSettings(fastHours: 24, slowHours: 168)

    func encode(to writer: inout ByteWriter) {
        writer.write(int: fastHours)
        writer.write(int: slowHours)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SMACrossSettings {
        SMACrossSettings(fastHours: try reader.readInt(), slowHours: try reader.readInt())
    }

    var json: JSONValue { .object(["fast_hours": .int(Int64(fastHours)), "slow_hours": .int(Int64(slowHours))]) }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> SMACrossSettings {
        try object.check(allowed: ["fast_hours", "slow_hours"])
        let result = SMACrossSettings(
            fastHours: try object.int("fast_hours", fastHours, range: 1...8760),
            slowHours: try object.int("slow_hours", slowHours, range: 2...8760))
        guard result.fastHours < result.slowHours else {
            throw .invalidValue(
                object.qualified("fast_hours"), reason: "must be below slow_hours (\(result.slowHours))")
        }
        return result
    }
}
