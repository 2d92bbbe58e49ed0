/// What `PositionSizer` needs to size one entry.
public struct SizingInput: Sendable, Hashable {
    /// Account equity (cash + positions at marks).
    public var equityQuote: FixedDecimal
    /// The last price the decision could see (close of H).
    public var priceQuote: FixedDecimal
    /// ATR14 ÷ close of the symbol at H.
    public var atrFraction: Double
    /// Regime label of the symbol at H.
    public var regime: Regime
    /// Circuit-breaker level at H.
    public var breakerLevel: BreakerLevel
    /// Closed trades so far, oldest first (realised results from the ledger).
    public var closedTrades: [ClosedTrade]
    /// Quantity decimals of the pair: the result rounds down to them.
    public var lotDecimals: Int

    /// Creates an input.
    public init(
        equityQuote: FixedDecimal, priceQuote: FixedDecimal, atrFraction: Double, regime: Regime,
        breakerLevel: BreakerLevel, closedTrades: [ClosedTrade], lotDecimals: Int
    ) {
        self.equityQuote = equityQuote
        self.priceQuote = priceQuote
        self.atrFraction = atrFraction
        self.regime = regime
        self.breakerLevel = breakerLevel
        self.closedTrades = closedTrades
        self.lotDecimals = lotDecimals
    }
}
