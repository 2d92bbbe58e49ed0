/// A closed round trip, as rules and sizing see it (realised, from the ledger).
public struct ClosedTradeView: Sendable, Hashable {
    public var symbol: String
    public var entryTs: UTCTimestamp
    public var exitTs: UTCTimestamp
    /// Realised P&L after fees, in quote currency.
    public var realizedPnlQuote: FixedDecimal
    /// Realised return on the entry notional (after fees).
    public var returnFraction: Double
    /// Why it was closed (`stop_loss`, `take_profit`, ...).
    public var exitReason: ExitReason

    public init(
        symbol: String, entryTs: UTCTimestamp, exitTs: UTCTimestamp, realizedPnlQuote: FixedDecimal,
        returnFraction: Double, exitReason: ExitReason
    ) {
        self.symbol = symbol
        self.entryTs = entryTs
        self.exitTs = exitTs
        self.realizedPnlQuote = realizedPnlQuote
        self.returnFraction = returnFraction
        self.exitReason = exitReason
    }
}
