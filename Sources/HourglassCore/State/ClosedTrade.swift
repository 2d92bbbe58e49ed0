/// A finished round trip, kept (the most recent `closedTradesKept`) for rules and sizing, and read
/// back from a run's fills for its metrics (`RunStore.closedTrades`).
public struct ClosedTrade: Sendable, Hashable {
    public var symbol: String
    public var entryTs: UTCTimestamp
    public var exitTs: UTCTimestamp
    /// Sell notional − cost basis − buy fees − sell fees.
    public var realizedPnlQuote: FixedDecimal
    /// Realised P&L ÷ cost basis.
    public var returnFraction: Double
    /// Why it was closed (`stop_loss`, `take_profit`, `time_limit`, ...).
    public var exitReason: ExitReason

    /// Creates a closed trade.
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

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(timestamp: entryTs)
        writer.write(timestamp: exitTs)
        writer.write(decimal: realizedPnlQuote)
        writer.write(double: returnFraction)
        writer.write(string: exitReason.rawValue)
    }

    private static func readExitReason(_ reader: inout ByteReader) throws(CodecError) -> ExitReason {
        let text = try reader.readString()
        guard let reason = ExitReason(rawValue: text) else { throw .invalidValue("unknown exit reason \(text)") }
        return reason
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> ClosedTrade {
        ClosedTrade(
            symbol: try reader.readString(), entryTs: try reader.readTimestamp(), exitTs: try reader.readTimestamp(),
            realizedPnlQuote: try reader.readDecimal(), returnFraction: try reader.readDouble(),
            exitReason: try readExitReason(&reader))
    }
}
