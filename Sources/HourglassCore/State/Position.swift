/// A held long position (spot: quantity is never negative).
public struct Position: Sendable, Hashable {
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// Quantity held, base asset, > 0.
    public var quantityBase: FixedDecimal
    /// Σ notional paid for the held quantity (fees excluded: they are expensed to `fees`).
    public var costBasisQuote: FixedDecimal
    /// Σ buy fees of the held quantity, kept to report the round trip's P&L after fees.
    public var entryFeesQuote: FixedDecimal
    /// Hour of the first fill (the bar whose open it filled at).
    public var entryHourTs: UTCTimestamp
    /// Price of the first fill.
    public var entryPriceQuote: FixedDecimal
    /// ATR of the decision hour, in quote currency (8 decimals).
    public var entryAtrQuote: FixedDecimal
    /// Stop-loss price, fixed at entry.
    /// Informational: entry − stop multiple × entry ATR (the exit decision is `ExitPolicy`'s).
    public var stopPriceQuote: FixedDecimal
    /// Take-profit price, fixed at entry.
    public var takeProfitPriceQuote: FixedDecimal
    /// Highest close since entry (for trailing stops).
    public var highestCloseQuote: FixedDecimal
    /// Last close seen (the mark); stays at the last valid bar when an hour is missing.
    public var markPriceQuote: FixedDecimal
    /// Regime label of the symbol when the entry was decided (`ExitPolicy` reads it for regime-change
    /// and time exits).
    public var entryRegime: Regime

    /// Creates a position.
    public init(
        symbol: String, quantityBase: FixedDecimal, costBasisQuote: FixedDecimal, entryFeesQuote: FixedDecimal,
        entryHourTs: UTCTimestamp, entryPriceQuote: FixedDecimal, entryAtrQuote: FixedDecimal,
        stopPriceQuote: FixedDecimal,
        takeProfitPriceQuote: FixedDecimal, highestCloseQuote: FixedDecimal, markPriceQuote: FixedDecimal,
        entryRegime: Regime
    ) {
        self.symbol = symbol
        self.quantityBase = quantityBase
        self.costBasisQuote = costBasisQuote
        self.entryFeesQuote = entryFeesQuote
        self.entryHourTs = entryHourTs
        self.entryPriceQuote = entryPriceQuote
        self.entryAtrQuote = entryAtrQuote
        self.stopPriceQuote = stopPriceQuote
        self.takeProfitPriceQuote = takeProfitPriceQuote
        self.highestCloseQuote = highestCloseQuote
        self.markPriceQuote = markPriceQuote
        self.entryRegime = entryRegime
    }

    /// Quantity × mark, exact to 12 decimals (half-even).
    public var valueQuote: FixedDecimal { quantityBase.multiplied(by: markPriceQuote, rounding: .halfEven) }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        for value in [quantityBase, costBasisQuote, entryFeesQuote] { writer.write(decimal: value) }
        writer.write(timestamp: entryHourTs)
        for value in [
            entryPriceQuote, entryAtrQuote, stopPriceQuote, takeProfitPriceQuote, highestCloseQuote, markPriceQuote,
        ] {
            writer.write(decimal: value)
        }
        entryRegime.encode(to: &writer)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> Position {
        let symbol = try reader.readString()
        let quantity = try reader.readDecimal()
        let cost = try reader.readDecimal()
        let fees = try reader.readDecimal()
        let entryTs = try reader.readTimestamp()
        return Position(
            symbol: symbol, quantityBase: quantity, costBasisQuote: cost, entryFeesQuote: fees, entryHourTs: entryTs,
            entryPriceQuote: try reader.readDecimal(), entryAtrQuote: try reader.readDecimal(),
            stopPriceQuote: try reader.readDecimal(),
            takeProfitPriceQuote: try reader.readDecimal(), highestCloseQuote: try reader.readDecimal(),
            markPriceQuote: try reader.readDecimal(), entryRegime: try Regime.decode(from: &reader))
    }
}
