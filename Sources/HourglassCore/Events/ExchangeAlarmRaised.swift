/// A finding about the exchange that must trip the kill switch at H (`exchange_instability`,
/// `balance_mismatch`), recorded by the runner as an input of H. The cycle turns it into a
/// `KillSwitchTripped` when the switch is not already tripped, so a replay trips it the same way.
public struct ExchangeAlarmRaised: EventPayload {
    public static let eventType = EventType.exchangeAlarmRaised
    /// The hour whose input this is.
    public var hourTs: UTCTimestamp
    /// What was found.
    public var trip: KillSwitchTrip

    /// Creates the event.
    public init(hourTs: UTCTimestamp, trip: KillSwitchTrip) {
        self.hourTs = hourTs
        self.trip = trip
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        trip.encode(to: &writer)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ExchangeAlarmRaised {
        ExchangeAlarmRaised(hourTs: try reader.readTimestamp(), trip: try KillSwitchTrip.decode(from: &reader))
    }

    public var json: JSONValue { .object(["hour_ts_utc": .timestamp(hourTs), "trip": trip.json]) }
}
