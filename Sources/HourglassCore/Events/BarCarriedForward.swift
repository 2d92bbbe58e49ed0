/// A symbol's bar of hour H was missing and the gap policy (`features.gap_carry_forward_hours`)
/// carried its last close forward into the feature window as a zero-volume bar
/// (open = high = low = close). An output of H: the carried bar is never traded on or filled at.
public struct BarCarriedForward: EventPayload {
    public static let eventType = EventType.barCarriedForward
    public var hourTs: UTCTimestamp
    public var symbol: String
    /// The close carried forward (the symbol's last real close).
    public var closePriceQuote: FixedDecimal
    /// Consecutive carried hours ending at H (1 for the first missing hour).
    public var carriedHours: Int

    /// Creates the event.
    public init(hourTs: UTCTimestamp, symbol: String, closePriceQuote: FixedDecimal, carriedHours: Int) {
        self.hourTs = hourTs
        self.symbol = symbol
        self.closePriceQuote = closePriceQuote
        self.carriedHours = carriedHours
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(string: symbol)
        writer.write(decimal: closePriceQuote)
        writer.write(int: carriedHours)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> BarCarriedForward {
        BarCarriedForward(
            hourTs: try reader.readTimestamp(), symbol: try reader.readString(),
            closePriceQuote: try reader.readDecimal(), carriedHours: try reader.readInt())
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "symbol": .string(symbol), "close": .decimal(closePriceQuote),
            "carried_hours": .int(Int64(carriedHours)),
        ])
    }
}
