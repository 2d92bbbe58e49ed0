/// What one rule decided about one order.
public enum RuleOutcome: Sendable, Hashable {
    /// The order may go ahead as proposed.
    case pass
    /// The order may go ahead only at this smaller quantity (base asset).
    case modify(quantityBase: FixedDecimal)
    /// The order must not be placed.
    case block

    /// `PASS`, `MODIFY` or `BLOCK`.
    public var name: String {
        switch self {
        case .pass: return "PASS"
        case .modify: return "MODIFY"
        case .block: return "BLOCK"
        }
    }
}
