/// The size `PositionSizer` chose and every step that led to it.
public struct SizingResult: Sendable, Hashable {
    /// Quantity in the base asset, rounded down to the lot (0 means do not enter).
    public var quantityBase: FixedDecimal
    /// Stop distance as a fraction of price: put it in `ProposedOrder.stopDistanceFraction`.
    public var stopDistanceFraction: Double
    /// The steps in the order they were applied.
    public var steps: [SizingStep]
    /// Why the size is zero, when it is.
    public var zeroReason: String?

    /// Creates a result.
    public init(quantityBase: FixedDecimal, stopDistanceFraction: Double, steps: [SizingStep], zeroReason: String?) {
        self.quantityBase = quantityBase
        self.stopDistanceFraction = stopDistanceFraction
        self.steps = steps
        self.zeroReason = zeroReason
    }

    /// Canonical encoding: quantity, stop distance, steps in order, zero reason.
    public func encode(to writer: inout ByteWriter) {
        writer.write(decimal: quantityBase)
        writer.write(double: stopDistanceFraction)
        writer.write(array: steps) { $1.encode(to: &$0) }
        writer.write(optional: zeroReason) { $0.write(string: $1) }
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> SizingResult {
        let quantity = try reader.readDecimal()
        let stop = try reader.readDouble()
        let steps = try reader.readArray { (r: inout ByteReader) throws(CodecError) in try SizingStep.decode(from: &r) }
        let reason = try reader.readOptional { (r: inout ByteReader) throws(CodecError) in try r.readString() }
        return SizingResult(quantityBase: quantity, stopDistanceFraction: stop, steps: steps, zeroReason: reason)
    }

    /// JSON view.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "quantity": .decimal(quantityBase), "stop_distance_fraction": .double(stopDistanceFraction),
            "steps": .array(steps.map(\.json)),
        ]
        members["zero_reason"] = zeroReason.map(JSONValue.string) ?? .null
        return .object(members)
    }
}
