/// The facts of one held position and of hour H that `ExitPolicy` decides on.
public struct ExitInput: Sendable, Hashable {
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// Average entry price (cost basis ÷ quantity), in quote currency.
    public var entryPriceQuote: FixedDecimal
    /// ATR14 at entry, in quote currency: stops are measured in it so they do not drift.
    public var entryATRQuote: Double
    /// Highest close since entry, the close of H included.
    public var highestCloseQuote: FixedDecimal
    /// Hour the position was opened.
    public var entryTs: UTCTimestamp
    /// Regime label at entry.
    public var entryRegime: Regime
    /// The hour being decided.
    public var currentTs: UTCTimestamp
    /// Close of H.
    public var currentCloseQuote: FixedDecimal
    /// Regime label at H.
    public var currentRegime: Regime
    /// The model's expected edge for the symbol at H, if it produced one.
    public var currentExpectedEdge: Double?

    /// Creates an input.
    public init(
        symbol: String, entryPriceQuote: FixedDecimal, entryATRQuote: Double, highestCloseQuote: FixedDecimal,
        entryTs: UTCTimestamp, entryRegime: Regime, currentTs: UTCTimestamp, currentCloseQuote: FixedDecimal,
        currentRegime: Regime, currentExpectedEdge: Double?
    ) {
        self.symbol = symbol
        self.entryPriceQuote = entryPriceQuote
        self.entryATRQuote = entryATRQuote
        self.highestCloseQuote = highestCloseQuote
        self.entryTs = entryTs
        self.entryRegime = entryRegime
        self.currentTs = currentTs
        self.currentCloseQuote = currentCloseQuote
        self.currentRegime = currentRegime
        self.currentExpectedEdge = currentExpectedEdge
    }
}
