/// The simple exits of the cycle: ATR stop loss, ATR take profit and a holding-time limit.
///
/// Stop and target are fixed at entry from the entry price and the ATR of the decision hour, so
/// they are exact decimals. The governance engine (issue 4) adds trailing and regime exits.
public struct ExitRules: Sendable, Hashable {
    /// Stop loss at entry price − this × entry ATR.
    public var stopAtrMultiple: FixedDecimal
    /// Take profit at entry price + this × entry ATR.
    public var takeProfitAtrMultiple: FixedDecimal
    /// Close a position held this many hours.
    public var maxHoldingHours: Int

    /// Creates exit rules.
    public init(stopAtrMultiple: FixedDecimal, takeProfitAtrMultiple: FixedDecimal, maxHoldingHours: Int) {
        self.stopAtrMultiple = stopAtrMultiple
        self.takeProfitAtrMultiple = takeProfitAtrMultiple
        self.maxHoldingHours = maxHoldingHours
    }

    /// Stop 3 ATR, target 8 ATR (hourly ATR), at most 120 hours. A 2-ATR stop on hourly bars was
    /// mostly noise in the Jan–Apr 2021 trials: fees ate the account.
    public static let `default` = ExitRules(stopAtrMultiple: FixedDecimal(3), takeProfitAtrMultiple: FixedDecimal(8), maxHoldingHours: 120)

    func encode(to writer: inout ByteWriter) {
        writer.write(decimal: stopAtrMultiple)
        writer.write(decimal: takeProfitAtrMultiple)
        writer.write(int: maxHoldingHours)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> ExitRules {
        ExitRules(stopAtrMultiple: try reader.readDecimal(), takeProfitAtrMultiple: try reader.readDecimal(), maxHoldingHours: try reader.readInt())
    }

    var json: JSONValue {
        .object(["stop_atr_multiple": .decimal(stopAtrMultiple), "take_profit_atr_multiple": .decimal(takeProfitAtrMultiple),
                 "max_holding_hours": .int(Int64(maxHoldingHours))])
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> ExitRules {
        try object.check(allowed: ["stop_atr_multiple", "take_profit_atr_multiple", "max_holding_hours"])
        let result = ExitRules(stopAtrMultiple: try object.decimal("stop_atr_multiple", stopAtrMultiple),
                               takeProfitAtrMultiple: try object.decimal("take_profit_atr_multiple", takeProfitAtrMultiple),
                               maxHoldingHours: try object.int("max_holding_hours", maxHoldingHours, range: 1...8760))
        guard result.stopAtrMultiple.isPositive else { throw .invalidValue(object.qualified("stop_atr_multiple"), reason: "must be above zero") }
        guard result.takeProfitAtrMultiple.isPositive else { throw .invalidValue(object.qualified("take_profit_atr_multiple"), reason: "must be above zero") }
        return result
    }
}
