import HourglassCore

/// One round trip of a run on one symbol (or a position still open at the run's last hour): the
/// buy fills that opened it and the sell fills that closed it, at their fill hours.
///
/// Store's `TradeList` builds these from the fills; the HTML report's trade list and `run-report
/// --json`'s `trades` are both that one list, so they cannot disagree.
public struct ReportTrade: Sendable, Hashable {
    /// The pair.
    public var symbol: String
    /// Fill hour of the first buy.
    public var entryFillHourTs: UTCTimestamp
    /// Fill hour of the sell that closed the position; nil while open.
    public var exitFillHourTs: UTCTimestamp?
    /// Base quantity bought.
    public var quantityBase: FixedDecimal
    /// Mean buy fill price (bought notional ÷ quantity, 8 decimals, half-even).
    public var entryPriceQuote: FixedDecimal
    /// Mean sell fill price (8 decimals, half-even); nil while open.
    public var exitPriceQuote: FixedDecimal?
    /// Fees of every buy and sell of the trade.
    public var feesQuote: FixedDecimal
    /// Sold notional − bought notional − fees; nil while open.
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

    /// The JSON object `run-report --json` lists under `trades`.
    public var json: JSONValue {
        .object([
            "symbol": .string(symbol), "entry_hour_ts_utc": .string(entryFillHourTs.iso8601),
            "exit_hour_ts_utc": exitFillHourTs.map { .string($0.iso8601) } ?? .null,
            "quantity": .decimal(quantityBase), "entry_price": .decimal(entryPriceQuote),
            "exit_price": exitPriceQuote.map { .decimal($0) } ?? .null, "fees": .decimal(feesQuote),
            "pnl": pnlQuote.map { .decimal($0) } ?? .null,
        ])
    }
}
