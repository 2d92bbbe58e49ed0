/// An order decided at hour H that fills (or is cancelled) at H+1's open, when H+1's cycle runs.
public struct PendingOrder: Sendable, Hashable {
    /// Run-unique id, increasing.
    public var orderId: UInt64
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// Buy or sell.
    public var side: OrderSide
    /// Approved quantity, rounded down to the lot.
    public var quantityBase: FixedDecimal
    /// The hour that decided it.
    public var decidedHourTs: UTCTimestamp
    /// Close of the decision hour (the last price the decision saw).
    public var referencePriceQuote: FixedDecimal
    /// ATR ÷ close at the decision hour (8 decimals): drives the slippage term.
    public var atrFraction: FixedDecimal
    /// ATR at the decision hour in quote currency (8 decimals): fixes stop and target at entry.
    public var atrQuote: FixedDecimal
    /// True for exits.
    public var isExit: Bool
    /// Why it was placed (`signal:momentum`, `exit:stop_loss`).
    public var reason: String

    /// Creates a pending order.
    public init(
        orderId: UInt64, symbol: String, side: OrderSide, quantityBase: FixedDecimal, decidedHourTs: UTCTimestamp,
        referencePriceQuote: FixedDecimal, atrFraction: FixedDecimal, atrQuote: FixedDecimal, isExit: Bool,
        reason: String
    ) {
        self.orderId = orderId
        self.symbol = symbol
        self.side = side
        self.quantityBase = quantityBase
        self.decidedHourTs = decidedHourTs
        self.referencePriceQuote = referencePriceQuote
        self.atrFraction = atrFraction
        self.atrQuote = atrQuote
        self.isExit = isExit
        self.reason = reason
    }

    /// The hour whose open it fills at.
    public var fillHourTs: UTCTimestamp { decidedHourTs.adding(hours: 1) }

    func encode(to writer: inout ByteWriter) {
        writer.write(unsigned: orderId)
        writer.write(string: symbol)
        writer.write(side: side)
        writer.write(decimal: quantityBase)
        writer.write(timestamp: decidedHourTs)
        writer.write(decimal: referencePriceQuote)
        writer.write(decimal: atrFraction)
        writer.write(decimal: atrQuote)
        writer.write(bool: isExit)
        writer.write(string: reason)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> PendingOrder {
        PendingOrder(
            orderId: try reader.readUnsigned(), symbol: try reader.readString(), side: try reader.readSide(),
            quantityBase: try reader.readDecimal(), decidedHourTs: try reader.readTimestamp(),
            referencePriceQuote: try reader.readDecimal(), atrFraction: try reader.readDecimal(),
            atrQuote: try reader.readDecimal(),
            isExit: try reader.readBool(), reason: try reader.readString())
    }
}

extension ByteWriter {
    /// Writes an order side as one byte (0 buy, 1 sell).
    public mutating func write(side: OrderSide) { write(byte: side == .buy ? 0 : 1) }
}

extension ByteReader {
    /// Reads an order side written by `write(side:)`.
    public mutating func readSide() throws(CodecError) -> OrderSide {
        let offset = self.offset
        switch try readByte() {
        case 0: return .buy
        case 1: return .sell
        case let tag: throw .unknownTag("OrderSide", UInt64(tag), offset: offset)
        }
    }
}
