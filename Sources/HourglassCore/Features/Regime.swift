/// A symbol's market regime at hour H, as recorded in events and seen by rules.
public enum Regime: String, Sendable, Hashable, CaseIterable {
    /// Sustained drift in one direction.
    case trend
    /// No meaningful drift: chop.
    case range
    /// Volatility in the top of its own trailing distribution.
    case highVol = "high_vol"
    /// A sharp fall over hours.
    case crash
    /// Not enough history to tell.
    case unknown
}
