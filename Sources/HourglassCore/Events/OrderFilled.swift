/// An order decided at H filled at H+1's open plus slippage (paper/backtest), recorded by H+1's cycle.
public struct OrderFilled: EventPayload {
    public static let eventType = EventType.orderFilled
    public var orderId: UInt64
    public var symbol: String
    public var side: OrderSide
    public var decidedHourTs: UTCTimestamp
    /// The hour whose open it filled at.
    public var fillHourTs: UTCTimestamp
    /// Quantity the order asked for.
    public var requestedQuantityBase: FixedDecimal
    /// Quantity filled (≤ requested: reduced to the cash or holding available).
    public var quantityBase: FixedDecimal
    /// Open of the fill hour's bar.
    public var openPriceQuote: FixedDecimal
    /// Slippage fraction applied (adverse: added for buys, subtracted for sells).
    public var slippageFraction: FixedDecimal
    /// Fill price = open × (1 ± slippage).
    public var fillPriceQuote: FixedDecimal
    /// Quantity × fill price, rounded to the quote unit (up for buys, down for sells).
    public var notionalQuote: FixedDecimal
    /// Notional × fee rate, rounded up to the quote unit.
    public var feeQuote: FixedDecimal
    /// Cash after the fill.
    public var cashAfterQuote: FixedDecimal
    /// Position after the fill.
    public var positionAfterBase: FixedDecimal
    /// Why the quantity differs from the request (empty when it does not).
    public var note: String

    /// Creates the event.
    public init(
        orderId: UInt64, symbol: String, side: OrderSide, decidedHourTs: UTCTimestamp, fillHourTs: UTCTimestamp,
        requestedQuantityBase: FixedDecimal, quantityBase: FixedDecimal, openPriceQuote: FixedDecimal,
        slippageFraction: FixedDecimal,
        fillPriceQuote: FixedDecimal, notionalQuote: FixedDecimal, feeQuote: FixedDecimal, cashAfterQuote: FixedDecimal,
        positionAfterBase: FixedDecimal, note: String
    ) {
        self.orderId = orderId
        self.symbol = symbol
        self.side = side
        self.decidedHourTs = decidedHourTs
        self.fillHourTs = fillHourTs
        self.requestedQuantityBase = requestedQuantityBase
        self.quantityBase = quantityBase
        self.openPriceQuote = openPriceQuote
        self.slippageFraction = slippageFraction
        self.fillPriceQuote = fillPriceQuote
        self.notionalQuote = notionalQuote
        self.feeQuote = feeQuote
        self.cashAfterQuote = cashAfterQuote
        self.positionAfterBase = positionAfterBase
        self.note = note
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(unsigned: orderId)
        writer.write(string: symbol)
        writer.write(side: side)
        writer.write(timestamp: decidedHourTs)
        writer.write(timestamp: fillHourTs)
        for value in [
            requestedQuantityBase, quantityBase, openPriceQuote, slippageFraction, fillPriceQuote, notionalQuote,
            feeQuote,
            cashAfterQuote, positionAfterBase,
        ] {
            writer.write(decimal: value)
        }
        writer.write(string: note)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> OrderFilled {
        let orderId = try reader.readUnsigned()
        let symbol = try reader.readString()
        let side = try reader.readSide()
        let decided = try reader.readTimestamp()
        let fill = try reader.readTimestamp()
        var values: [FixedDecimal] = []
        for _ in 0..<9 { values.append(try reader.readDecimal()) }
        return OrderFilled(
            orderId: orderId, symbol: symbol, side: side, decidedHourTs: decided, fillHourTs: fill,
            requestedQuantityBase: values[0], quantityBase: values[1], openPriceQuote: values[2],
            slippageFraction: values[3],
            fillPriceQuote: values[4], notionalQuote: values[5], feeQuote: values[6], cashAfterQuote: values[7],
            positionAfterBase: values[8], note: try reader.readString())
    }

    public var json: JSONValue {
        .object([
            "order_id": .int(Int64(orderId)), "symbol": .string(symbol), "side": .string(side.rawValue),
            "decided_hour_ts_utc": .timestamp(decidedHourTs), "fill_hour_ts_utc": .timestamp(fillHourTs),
            "requested_quantity": .decimal(requestedQuantityBase), "quantity": .decimal(quantityBase),
            "open_price": .decimal(openPriceQuote),
            "slippage_fraction": .decimal(slippageFraction), "fill_price": .decimal(fillPriceQuote),
            "notional": .decimal(notionalQuote),
            "fee": .decimal(feeQuote), "cash_after": .decimal(cashAfterQuote),
            "position_after": .decimal(positionAfterBase),
            "note": .string(note),
        ])
    }
}
