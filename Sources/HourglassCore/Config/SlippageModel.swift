/// The paper-fill slippage model: a fixed term plus a volatility term, capped.
///
/// `fraction = min(capBps, fixedBps + volatilityCoefficient × ATR/close × 10^4) / 10^4`, where
/// ATR/close is the decision hour's value (known at H). Buys fill at `open × (1 + fraction)`,
/// sells at `open × (1 − fraction)`. Everything is exact decimal arithmetic once the ATR fraction
/// has entered through `FixedDecimal.fromDouble` (8 decimals, rounded up: never understate cost).
public struct SlippageModel: Sendable, Hashable {
    /// Fixed part in basis points.
    public var fixedBps: FixedDecimal
    /// Multiplier on the ATR fraction.
    public var volatilityCoefficient: FixedDecimal
    /// Upper bound in basis points.
    public var capBps: FixedDecimal

    /// Creates a model.
    public init(fixedBps: FixedDecimal, volatilityCoefficient: FixedDecimal, capBps: FixedDecimal) {
        self.fixedBps = fixedBps
        self.volatilityCoefficient = volatilityCoefficient
        self.capBps = capBps
    }

    /// 5 bps + 0.1 × ATR fraction, capped at 50 bps.
    public static let `default` = SlippageModel(
        fixedBps: FixedDecimal(5), volatilityCoefficient: FixedDecimal(raw: 100_000_000_000),
        capBps: FixedDecimal(50))

    /// The slippage as a fraction of price for an order decided when ATR/close was `atrFraction`.
    public func fraction(atrFraction: FixedDecimal) -> FixedDecimal {
        let bpsUnit = FixedDecimal(10_000)
        let fixed = fixedBps.divided(by: bpsUnit, rounding: .up)
        let cap = capBps.divided(by: bpsUnit, rounding: .up)
        let volatility = volatilityCoefficient.multiplied(by: max(atrFraction, .zero), rounding: .up)
        return min(cap, fixed + volatility)
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(decimal: fixedBps)
        writer.write(decimal: volatilityCoefficient)
        writer.write(decimal: capBps)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SlippageModel {
        SlippageModel(
            fixedBps: try reader.readDecimal(), volatilityCoefficient: try reader.readDecimal(),
            capBps: try reader.readDecimal())
    }

    var json: JSONValue {
        .object([
            "fixed_bps": .decimal(fixedBps), "volatility_coefficient": .decimal(volatilityCoefficient),
            "cap_bps": .decimal(capBps),
        ])
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> SlippageModel {
        try object.check(allowed: ["fixed_bps", "volatility_coefficient", "cap_bps"])
        return SlippageModel(
            fixedBps: try object.decimal("fixed_bps", fixedBps),
            volatilityCoefficient: try object.decimal("volatility_coefficient", volatilityCoefficient),
            capBps: try object.decimal("cap_bps", capBps))
    }
}
