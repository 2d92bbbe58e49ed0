extension ProposedOrder {
    /// Canonical encoding (fields in declaration order).
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(side: side)
        writer.write(decimal: quantityBase)
        writer.write(decimal: referencePriceQuote)
        writer.write(bool: isExit)
        writer.write(double: expectedEdge)
        writer.write(double: confidence)
        writer.write(double: stopDistanceFraction)
        writer.write(string: reason)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ProposedOrder {
        ProposedOrder(
            symbol: try reader.readString(), side: try reader.readSide(), quantityBase: try reader.readDecimal(),
            referencePriceQuote: try reader.readDecimal(), isExit: try reader.readBool(),
            expectedEdge: try reader.readDouble(),
            confidence: try reader.readDouble(), stopDistanceFraction: try reader.readDouble(),
            reason: try reader.readString())
    }

    /// JSON view.
    public var json: JSONValue {
        .object([
            "symbol": .string(symbol), "side": .string(side.rawValue), "quantity": .decimal(quantityBase),
            "reference_price": .decimal(referencePriceQuote), "is_exit": .bool(isExit),
            "expected_edge": .double(expectedEdge),
            "confidence": .double(confidence), "stop_distance_fraction": .double(stopDistanceFraction),
            "reason": .string(reason),
        ])
    }
}
