/// An order decided at H that could not fill at H+1: no valid bar (never filled at an unseen
/// price), no cash for even the minimum order, or nothing left to sell.
public struct OrderCancelled: EventPayload {
    public static let eventType = EventType.orderCancelled
    public var orderId: UInt64
    public var symbol: String
    public var side: OrderSide
    public var decidedHourTs: UTCTimestamp
    /// The hour it would have filled in.
    public var hourTs: UTCTimestamp
    public var quantityBase: FixedDecimal
    /// `no_bar`, `insufficient_cash`, `nothing_held`.
    public var reason: String

    /// Creates the event.
    public init(
        orderId: UInt64, symbol: String, side: OrderSide, decidedHourTs: UTCTimestamp, hourTs: UTCTimestamp,
        quantityBase: FixedDecimal, reason: String
    ) {
        self.orderId = orderId
        self.symbol = symbol
        self.side = side
        self.decidedHourTs = decidedHourTs
        self.hourTs = hourTs
        self.quantityBase = quantityBase
        self.reason = reason
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(unsigned: orderId)
        writer.write(string: symbol)
        writer.write(side: side)
        writer.write(timestamp: decidedHourTs)
        writer.write(timestamp: hourTs)
        writer.write(decimal: quantityBase)
        writer.write(string: reason)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> OrderCancelled {
        OrderCancelled(
            orderId: try reader.readUnsigned(), symbol: try reader.readString(), side: try reader.readSide(),
            decidedHourTs: try reader.readTimestamp(), hourTs: try reader.readTimestamp(),
            quantityBase: try reader.readDecimal(),
            reason: try reader.readString())
    }

    public var json: JSONValue {
        .object([
            "order_id": .int(Int64(orderId)), "symbol": .string(symbol), "side": .string(side.rawValue),
            "decided_hour_ts_utc": .timestamp(decidedHourTs), "hour_ts_utc": .timestamp(hourTs),
            "quantity": .decimal(quantityBase),
            "reason": .string(reason),
        ])
    }
}
