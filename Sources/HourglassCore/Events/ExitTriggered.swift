/// An exit condition met at the close of H for a held position; the sell it proposes follows
/// as a verdict and (when approved) an order.
public struct ExitTriggered: EventPayload {
    public static let eventType = EventType.exitTriggered
    public var hourTs: UTCTimestamp
    public var symbol: String
    /// `stop_loss`, `take_profit`, `time_limit`.
    public var reason: String
    /// Close of H.
    public var closePriceQuote: FixedDecimal
    /// The level that was crossed (stop or target price), if the exit is price-based.
    public var triggerPriceQuote: FixedDecimal?
    /// Quantity held.
    public var quantityBase: FixedDecimal

    /// Creates the event.
    public init(
        hourTs: UTCTimestamp, symbol: String, reason: String, closePriceQuote: FixedDecimal,
        triggerPriceQuote: FixedDecimal?,
        quantityBase: FixedDecimal
    ) {
        self.hourTs = hourTs
        self.symbol = symbol
        self.reason = reason
        self.closePriceQuote = closePriceQuote
        self.triggerPriceQuote = triggerPriceQuote
        self.quantityBase = quantityBase
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(string: symbol)
        writer.write(string: reason)
        writer.write(decimal: closePriceQuote)
        writer.write(optional: triggerPriceQuote) { $0.write(decimal: $1) }
        writer.write(decimal: quantityBase)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ExitTriggered {
        ExitTriggered(
            hourTs: try reader.readTimestamp(), symbol: try reader.readString(), reason: try reader.readString(),
            closePriceQuote: try reader.readDecimal(),
            triggerPriceQuote: try reader.readOptional { r throws(CodecError) in try r.readDecimal() },
            quantityBase: try reader.readDecimal())
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "symbol": .string(symbol), "reason": .string(reason),
            "close": .decimal(closePriceQuote),
            "trigger_price": triggerPriceQuote.map { .decimal($0) } ?? .null, "quantity": .decimal(quantityBase),
        ])
    }
}
