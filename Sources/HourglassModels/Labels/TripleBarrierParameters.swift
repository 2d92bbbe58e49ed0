/// Where the three barriers sit: k × volatility above and below the entry, and a maximum holding time.
public struct TripleBarrierParameters: Sendable, Hashable {
    /// Upper barrier distance in units of horizon volatility.
    public var upperMultiple: Double
    /// Lower barrier distance in units of horizon volatility.
    public var lowerMultiple: Double
    /// The vertical barrier: the label reads bars opening at t+1 … t+`maxHoldingHours`.
    public var maxHoldingHours: Int
    /// Bars (the entry bar and those before it) whose simple close-to-close returns give σ.
    public var volatilityWindowBars: Int

    /// Creates parameters; traps on non-positive values.
    public init(
        upperMultiple: Double = 1, lowerMultiple: Double = 1, maxHoldingHours: Int = 24,
        volatilityWindowBars: Int = 168
    ) {
        precondition(upperMultiple > 0 && lowerMultiple > 0, "barrier multiples must be positive")
        precondition(
            maxHoldingHours > 0 && volatilityWindowBars >= 3,
            "holding ≥ 1 hour, volatility window ≥ 3 bars")
        self.upperMultiple = upperMultiple
        self.lowerMultiple = lowerMultiple
        self.maxHoldingHours = maxHoldingHours
        self.volatilityWindowBars = volatilityWindowBars
    }
}
