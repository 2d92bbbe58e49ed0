import HourglassCore

/// One round trip (or a position still open at the run's last hour).
public struct ReportTrade: Sendable, Equatable {
    /// The pair.
    public var symbol: String
    /// The hour the entry filled.
    public var entryFillHourTs: UTCTimestamp
    /// The hour the exit filled; nil while open.
    public var exitFillHourTs: UTCTimestamp?
    /// Base quantity bought.
    public var quantityBase: FixedDecimal
    /// Entry fill price.
    public var entryPriceQuote: FixedDecimal
    /// Quantity-weighted exit fill price; nil while open.
    public var exitPriceQuote: FixedDecimal?
    /// Fees of both sides.
    public var feesQuote: FixedDecimal
    /// Sell notional − buy notional − fees; nil while open.
    public var pnlQuote: FixedDecimal?

    /// Creates a trade row.
    public init(
        symbol: String, entryFillHourTs: UTCTimestamp, exitFillHourTs: UTCTimestamp?, quantityBase: FixedDecimal,
        entryPriceQuote: FixedDecimal, exitPriceQuote: FixedDecimal?, feesQuote: FixedDecimal,
        pnlQuote: FixedDecimal?
    ) {
        self.symbol = symbol
        self.entryFillHourTs = entryFillHourTs
        self.exitFillHourTs = exitFillHourTs
        self.quantityBase = quantityBase
        self.entryPriceQuote = entryPriceQuote
        self.exitPriceQuote = exitPriceQuote
        self.feesQuote = feesQuote
        self.pnlQuote = pnlQuote
    }
}
