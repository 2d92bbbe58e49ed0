/// A held position as rules see it.
public struct PositionView: Sendable, Hashable {
    public var symbol: String
    /// Quantity held in the base asset (never negative).
    public var quantityBase: FixedDecimal
    /// Mark price (close of H).
    public var markPriceQuote: FixedDecimal
    /// Quantity × mark.
    public var valueQuote: FixedDecimal
    /// Hour the position was opened.
    public var openedTs: UTCTimestamp

    public init(
        symbol: String, quantityBase: FixedDecimal, markPriceQuote: FixedDecimal, valueQuote: FixedDecimal,
        openedTs: UTCTimestamp
    ) {
        self.symbol = symbol
        self.quantityBase = quantityBase
        self.markPriceQuote = markPriceQuote
        self.valueQuote = valueQuote
        self.openedTs = openedTs
    }
}
