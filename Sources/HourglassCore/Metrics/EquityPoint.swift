/// One point of an hourly equity curve: the account's equity at the close of an hour.
public struct EquityPoint: Sendable, Hashable {
    /// The hour (its open, on the hour, UTC).
    public var hourTs: UTCTimestamp
    /// Cash + Σ quantity × mark at the close of the hour, in quote currency.
    public var equityQuote: FixedDecimal
    /// Positions open at the close of the hour (exposure counts hours where this is above zero).
    public var openPositions: Int

    /// Creates a point.
    public init(hourTs: UTCTimestamp, equityQuote: FixedDecimal, openPositions: Int) {
        self.hourTs = hourTs
        self.equityQuote = equityQuote
        self.openPositions = openPositions
    }
}
