/// How a computation that drops digits chooses the kept value.
public enum RoundingRule: UInt8, Sendable, Hashable, CaseIterable {
    /// Toward zero (truncate): order quantities.
    case down = 0
    /// Away from zero: fees.
    case up = 1
    /// Toward negative infinity.
    case floor = 2
    /// Toward positive infinity.
    case ceiling = 3
    /// To nearest, ties to even: marks and reports.
    case halfEven = 4
}
