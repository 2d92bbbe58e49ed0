/// How entries are sized: from risk (`PositionSizer`, the default) or a fixed fraction of equity.
public enum SizingMode: Sendable, Hashable {
    /// `PositionSizer`: risk fraction, Kelly cap, ATR stop, regime and breaker multipliers.
    case risk
    /// `fraction × equity ÷ close` at the signal hour, rounded down to the lot (backtrader's
    /// `PercentSizer` when flat, as cash equals equity then).
    case fixedFraction(FixedDecimal)

    /// The JSON `mode` name.
    public var modeName: String {
        switch self {
        case .risk: return "risk"
        case .fixedFraction: return "fixed_fraction"
        }
    }

    /// Sizes an entry at `priceQuote` with `equityQuote`, rounded down to `lotDecimals`.
    public static func fixedFractionSize(
        fraction: FixedDecimal, equityQuote: FixedDecimal, priceQuote: FixedDecimal,
        lotDecimals: Int, stopDistanceFraction: Double
    ) -> SizingResult {
        var steps = [SizingStep("fixed_fraction", .decimal(fraction))]
        guard equityQuote.isPositive, priceQuote.isPositive else {
            return SizingResult(
                quantityBase: .zero, stopDistanceFraction: stopDistanceFraction, steps: steps,
                zeroReason: "equity or price is not positive")
        }
        let notional = equityQuote.multiplied(by: fraction, rounding: .down)
        steps.append(SizingStep("notional", .decimal(notional)))
        let lot = min(max(lotDecimals, 0), FixedDecimal.scaleDigits)
        let quantity = notional.divided(by: priceQuote, rounding: .down).rounded(decimals: lot, .down)
        steps.append(SizingStep("quantity", .decimal(quantity)))
        return SizingResult(
            quantityBase: quantity, stopDistanceFraction: stopDistanceFraction, steps: steps,
            zeroReason: quantity.isPositive ? nil : "size rounds down to zero lots")
    }

    func encode(to writer: inout ByteWriter) {
        switch self {
        case .risk: writer.write(byte: 0)
        case .fixedFraction(let fraction):
            writer.write(byte: 1)
            writer.write(decimal: fraction)
        }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SizingMode {
        switch try reader.readByte() {
        case 0: return .risk
        case 1: return .fixedFraction(try reader.readDecimal())
        case let tag: throw .invalidValue("SizingMode tag \(tag)")
        }
    }

    var json: JSONValue {
        switch self {
        case .risk: return .object(["mode": .string("risk")])
        case .fixedFraction(let fraction):
            return .object(["mode": .string("fixed_fraction"), "fraction": .decimal(fraction)])
        }
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> SizingMode {
        try object.check(allowed: ["mode", "fraction"])
        switch try object.string("mode", modeName) {
        case "risk":
            if object.members["fraction"] != nil {
                throw .invalidValue(
                    object.qualified("fraction"), reason: "only the fixed_fraction mode takes a fraction")
            }
            return .risk
        case "fixed_fraction":
            var fallback = FixedDecimal.one
            if case .fixedFraction(let current) = self { fallback = current }
            let fraction = try object.decimal("fraction", fallback)
            guard fraction.isPositive, fraction <= .one else {
                throw .invalidValue(object.qualified("fraction"), reason: "must be in (0, 1]")
            }
            return .fixedFraction(fraction)
        case let other:
            throw .invalidValue(
                object.qualified("mode"), reason: "'\(other)' is not a sizing mode (risk or fixed_fraction)")
        }
    }
}
