/// Why a position is closed; the raw value is recorded in the order and closed-trade events.
public enum ExitReason: String, Sendable, Hashable, CaseIterable {
    case stopLoss = "stop_loss"
    case trailingStop = "trailing_stop"
    case takeProfit = "take_profit"
    case thesisInvalidation = "thesis_invalidation"
    case regimeChange = "regime_change"
    case timeLimit = "time_limit"
}

extension ExitReason: CustomStringConvertible {
    /// The recorded text (`stop_loss`), so interpolation prints what the events record.
    public var description: String { rawValue }
}

extension ExitReason {
    /// The reason text an exit order carries (`exit:stop_loss`).
    public var orderReason: String { "exit:" + rawValue }

    /// The exit reason of an order's reason text (`exit:stop_loss` → `.stopLoss`); nil for an
    /// order that is not an exit.
    public init?(orderReason: String) {
        guard orderReason.hasPrefix("exit:") else { return nil }
        self.init(rawValue: String(orderReason.dropFirst(5)))
    }
}
