/// One exchange fill (Kraken `TradesHistory` entry) of an order decided at H−1, recorded as an
/// input of H: the LIVE ledger posts exactly these quantities, prices and fees.
public struct ExchangeFillRecorded: EventPayload {
    public static let eventType = EventType.exchangeFillRecorded
    /// The hour whose input this is (the order's fill hour).
    public var hourTs: UTCTimestamp
    /// The engine's order id.
    public var orderId: UInt64
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// The exchange's trade id.
    public var tradeId: String
    /// When the exchange matched it.
    public var tradeTs: UTCTimestamp
    /// Quantity filled.
    public var quantityBase: FixedDecimal
    /// Price of the fill.
    public var priceQuote: FixedDecimal
    /// Quantity × price as the exchange reported it.
    public var costQuote: FixedDecimal
    /// Fee the exchange charged, in the quote asset.
    public var feeQuote: FixedDecimal

    /// Creates the event.
    public init(
        hourTs: UTCTimestamp, orderId: UInt64, symbol: String, tradeId: String, tradeTs: UTCTimestamp,
        quantityBase: FixedDecimal, priceQuote: FixedDecimal, costQuote: FixedDecimal, feeQuote: FixedDecimal
    ) {
        self.hourTs = hourTs
        self.orderId = orderId
        self.symbol = symbol
        self.tradeId = tradeId
        self.tradeTs = tradeTs
        self.quantityBase = quantityBase
        self.priceQuote = priceQuote
        self.costQuote = costQuote
        self.feeQuote = feeQuote
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(unsigned: orderId)
        writer.write(string: symbol)
        writer.write(string: tradeId)
        writer.write(timestamp: tradeTs)
        writer.write(decimal: quantityBase)
        writer.write(decimal: priceQuote)
        writer.write(decimal: costQuote)
        writer.write(decimal: feeQuote)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ExchangeFillRecorded {
        ExchangeFillRecorded(
            hourTs: try reader.readTimestamp(), orderId: try reader.readUnsigned(), symbol: try reader.readString(),
            tradeId: try reader.readString(), tradeTs: try reader.readTimestamp(),
            quantityBase: try reader.readDecimal(), priceQuote: try reader.readDecimal(),
            costQuote: try reader.readDecimal(), feeQuote: try reader.readDecimal())
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "order_id": .int(Int64(orderId)), "symbol": .string(symbol),
            "trade_id": .string(tradeId), "trade_ts_utc": .timestamp(tradeTs), "quantity": .decimal(quantityBase),
            "price": .decimal(priceQuote), "cost": .decimal(costQuote), "fee": .decimal(feeQuote),
        ])
    }
}
