/// One step of position sizing and the value it contributed, recorded in `PredictionMade` (and in
/// `SizingResult`) so a size can be traced from equity to the proposed quantity.
///
/// Names and what their value means:
/// `equity` (decimal, quote), `exploration_risk` / `base_risk` (equity fraction risked),
/// `realised_expectancy` (mean return per closed trade), `kelly_cap` (kelly fraction × full
/// Kelly), `risk_fraction` (risk after the cap), `stop_distance` (fraction of price), `notional`
/// (quote amount = equity × risk ÷ stop), `regime_multiplier`, `breaker_multiplier`, `quantity`
/// (base units after rounding down to the lot).
///
/// One type serves the reducer and `PositionSizer`: the value is a `RuleValue` so exact amounts
/// stay decimals; the sizer's statistics are `.number`.
public struct SizingStep: Sendable, Hashable {
    /// Stable step name.
    public var name: String
    /// The factor or value of the step.
    public var value: RuleValue

    /// Creates a step.
    public init(_ name: String, _ value: RuleValue) {
        self.name = name
        self.value = value
    }

    /// Creates a step holding a statistic.
    public init(name: String, value: Double) {
        self.init(name, .number(value))
    }

    /// The value as a `Double` when it is a number or a decimal, else nil.
    public var number: Double? {
        switch value {
        case .number(let number): return number
        case .decimal(let decimal): return decimal.doubleValue
        case .integer(let integer): return Double(integer)
        default: return nil
        }
    }

    /// Canonical encoding: name, then the tagged value.
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: name)
        value.encode(to: &writer)
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> SizingStep {
        SizingStep(try reader.readString(), try RuleValue.decode(from: &reader))
    }

    /// JSON view.
    public var json: JSONValue { .object(["step": .string(name), "value": value.json]) }
}
