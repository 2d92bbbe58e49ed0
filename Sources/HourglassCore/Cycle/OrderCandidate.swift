/// A proposed order on its way to governance, with what the fill and the position will need.
struct OrderCandidate {
    var order: ProposedOrder
    /// ATR ÷ close at H (8 decimals, rounded up): the fill's slippage term.
    var atrFraction: FixedDecimal
    /// ATR at H in quote currency (8 decimals): fixes stop and target at entry.
    var atrQuote: FixedDecimal
    /// The prediction's score (entries are judged strongest first).
    var score: Double
    /// Regime label at H (copied into the position an entry opens).
    var regime: Regime = .unknown
}
