/// An approved (possibly reduced) order, decided at H, to fill at H+1's open.
public struct OrderPlaced: EventPayload {
    public static let eventType = EventType.orderPlaced
    public var orderId: UInt64
    public var symbol: String
    public var side: OrderSide
    public var quantityBase: FixedDecimal
    public var decidedHourTs: UTCTimestamp
    /// The hour whose open it fills at (decided + 1h).
    public var fillsAtHourTs: UTCTimestamp
    /// Close of H.
    public var referencePriceQuote: FixedDecimal
    public var isExit: Bool
    public var reason: String

    /// Creates the event from the pending order it records.
    public init(order: PendingOrder) {
        orderId = order.orderId
        symbol = order.symbol
        side = order.side
        quantityBase = order.quantityBase
        decidedHourTs = order.decidedHourTs
        fillsAtHourTs = order.fillHourTs
        referencePriceQuote = order.referencePriceQuote
        isExit = order.isExit
        reason = order.reason
    }

    init(
        orderId: UInt64, symbol: String, side: OrderSide, quantityBase: FixedDecimal, decidedHourTs: UTCTimestamp,
        fillsAtHourTs: UTCTimestamp,
        referencePriceQuote: FixedDecimal, isExit: Bool, reason: String
    ) {
        self.orderId = orderId
        self.symbol = symbol
        self.side = side
        self.quantityBase = quantityBase
        self.decidedHourTs = decidedHourTs
        self.fillsAtHourTs = fillsAtHourTs
        self.referencePriceQuote = referencePriceQuote
        self.isExit = isExit
        self.reason = reason
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(unsigned: orderId)
        writer.write(string: symbol)
        writer.write(side: side)
        writer.write(decimal: quantityBase)
        writer.write(timestamp: decidedHourTs)
        writer.write(timestamp: fillsAtHourTs)
        writer.write(decimal: referencePriceQuote)
        writer.write(bool: isExit)
        writer.write(string: reason)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> OrderPlaced {
        OrderPlaced(
            orderId: try reader.readUnsigned(), symbol: try reader.readString(), side: try reader.readSide(),
            quantityBase: try reader.readDecimal(), decidedHourTs: try reader.readTimestamp(),
            fillsAtHourTs: try reader.readTimestamp(),
            referencePriceQuote: try reader.readDecimal(), isExit: try reader.readBool(),
            reason: try reader.readString())
    }

    public var json: JSONValue {
        .object([
            "order_id": .int(Int64(orderId)), "symbol": .string(symbol), "side": .string(side.rawValue),
            "quantity": .decimal(quantityBase),
            "decided_hour_ts_utc": .timestamp(decidedHourTs), "fills_at_hour_ts_utc": .timestamp(fillsAtHourTs),
            "reference_price": .decimal(referencePriceQuote), "is_exit": .bool(isExit), "reason": .string(reason),
        ])
    }
}
