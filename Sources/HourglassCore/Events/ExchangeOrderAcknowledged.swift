/// What the exchange said about an order decided at H−1 (LIVE), recorded as an input of H.
///
/// `status` is `placed` (acknowledged), `already_placed`/`recovered` (found by its client reference
/// after a lost acknowledgement), `not_sent` (decided on a late hour or past the deadline: the
/// runner never sent it) or `failed` (the exchange refused it). An order with an acknowledgement
/// settles from the recorded `ExchangeFillRecorded` events instead of the paper fill.
public struct ExchangeOrderAcknowledged: EventPayload {
    public static let eventType = EventType.exchangeOrderAcknowledged
    /// The hour whose input this is (the order's fill hour).
    public var hourTs: UTCTimestamp
    /// The engine's order id.
    public var orderId: UInt64
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// The hour that decided the order.
    public var decidedHourTs: UTCTimestamp
    /// The client reference the order was sent with.
    public var clientOrderId: String
    /// The exchange's transaction id (empty when none).
    public var exchangeOrderId: String
    /// `placed`, `already_placed`, `recovered`, `not_sent` or `failed`.
    public var status: String
    /// One line for people.
    public var detail: String

    /// Creates the event.
    public init(
        hourTs: UTCTimestamp, orderId: UInt64, symbol: String, decidedHourTs: UTCTimestamp, clientOrderId: String,
        exchangeOrderId: String, status: String, detail: String
    ) {
        self.hourTs = hourTs
        self.orderId = orderId
        self.symbol = symbol
        self.decidedHourTs = decidedHourTs
        self.clientOrderId = clientOrderId
        self.exchangeOrderId = exchangeOrderId
        self.status = status
        self.detail = detail
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(unsigned: orderId)
        writer.write(string: symbol)
        writer.write(timestamp: decidedHourTs)
        writer.write(string: clientOrderId)
        writer.write(string: exchangeOrderId)
        writer.write(string: status)
        writer.write(string: detail)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ExchangeOrderAcknowledged {
        ExchangeOrderAcknowledged(
            hourTs: try reader.readTimestamp(), orderId: try reader.readUnsigned(), symbol: try reader.readString(),
            decidedHourTs: try reader.readTimestamp(), clientOrderId: try reader.readString(),
            exchangeOrderId: try reader.readString(), status: try reader.readString(),
            detail: try reader.readString())
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "order_id": .int(Int64(orderId)), "symbol": .string(symbol),
            "decided_hour_ts_utc": .timestamp(decidedHourTs), "client_order_id": .string(clientOrderId),
            "exchange_order_id": .string(exchangeOrderId), "status": .string(status), "detail": .string(detail),
        ])
    }
}
