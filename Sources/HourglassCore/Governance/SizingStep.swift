/// One step of position sizing and the number it contributed, recorded with the prediction/verdict.
///
/// Names and what their value means:
/// `exploration_risk` / `base_risk` (equity fraction risked), `realised_expectancy` (mean return
/// per closed trade), `kelly_cap` (kelly fraction × full Kelly), `risk_fraction` (risk after the
/// cap), `stop_distance` (fraction of price), `notional` (quote amount = equity × risk ÷ stop),
/// `regime_multiplier`, `breaker_multiplier`, `quantity` (base units after rounding down to the lot).
public struct SizingStep: Sendable, Hashable {
    /// Stable step name.
    public var name: String
    /// The factor or value of the step.
    public var value: Double

    /// Creates a step.
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }

    /// Canonical encoding: name, then the value's IEEE-754 bits.
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: name)
        writer.write(double: value)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> SizingStep {
        SizingStep(name: try reader.readString(), value: try reader.readDouble())
    }

    /// JSON view.
    public var json: JSONValue { .object(["name": .string(name), "value": .double(value)]) }
}
