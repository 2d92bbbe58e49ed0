import HourglassCore

/// One round trip of a run on one symbol: the buy fills that opened a position and the sell
/// fills that closed it, at their fill hours.
public struct TradeRecord: Sendable, Hashable {
    /// The pair traded.
    public var symbol: String
    /// Fill hour of the first buy.
    public var entryHourTs: UTCTimestamp
    /// Fill hour of the sell that closed the position; nil while it is open.
    public var exitHourTs: UTCTimestamp?
    /// Base quantity bought.
    public var quantityBase: FixedDecimal
    /// Mean buy fill price (bought notional ÷ quantity, 8 decimals, half-even).
    public var entryPriceQuote: FixedDecimal
    /// Mean sell fill price; nil while open.
    public var exitPriceQuote: FixedDecimal?
    /// Fees of every buy and sell of the trade.
    public var feesQuote: FixedDecimal
    /// Sold notional − bought notional − fees; nil while open.
    public var pnlQuote: FixedDecimal?

    /// The JSON object `run-report --json` lists under `trades`.
    public var json: JSONValue {
        .object([
            "symbol": .string(symbol), "entry_hour_ts_utc": .string(entryHourTs.iso8601),
            "exit_hour_ts_utc": exitHourTs.map { .string($0.iso8601) } ?? .null, "quantity": .decimal(quantityBase),
            "entry_price": .decimal(entryPriceQuote), "exit_price": exitPriceQuote.map { .decimal($0) } ?? .null,
            "fees": .decimal(feesQuote), "pnl": pnlQuote.map { .decimal($0) } ?? .null,
        ])
    }
}

/// Reads a run's trades from its `fills` projection (written with each hour's events).
public enum TradeList {
    /// Every trade of `runId` in entry order; a position still open at the run's last hour is the
    /// last trade of its symbol, without exit.
    /// The run's round trips, read through the run store.
    public static func load(store: RunStore, runId: String) throws -> [TradeRecord] {
        try load(connection: store.connection, runId: runId)
    }

    static func load(connection: PGConnection, runId: String) throws -> [TradeRecord] {
        let rows = try connection.execute(
            """
            SELECT symbol, side, extract(epoch FROM fill_hour)::bigint, quantity::text, notional::text, fee::text,
                   position_after::text
            FROM fills WHERE run_id = $1::uuid ORDER BY seq
            """, [.text(runId)], context: "read the run's fills")
        var open: [String: (trade: TradeRecord, cost: FixedDecimal, sold: FixedDecimal, proceeds: FixedDecimal)] = [:]
        var trades: [TradeRecord] = []
        for row in 0..<rows.rowCount {
            let symbol = rows.string(row, 0)!
            let hour = UTCTimestamp(secondsSinceEpoch: rows.int64(row, 2)!)
            let quantity = try FixedDecimal.parse(rows.string(row, 3)!)
            let notional = try FixedDecimal.parse(rows.string(row, 4)!)
            let fee = try FixedDecimal.parse(rows.string(row, 5)!)
            let after = try FixedDecimal.parse(rows.string(row, 6)!)
            var current =
                open[symbol] ?? (
                    TradeRecord(
                        symbol: symbol, entryHourTs: hour, exitHourTs: nil, quantityBase: .zero,
                        entryPriceQuote: .zero, exitPriceQuote: nil, feesQuote: .zero, pnlQuote: nil),
                    .zero, .zero, .zero
                )
            current.trade.feesQuote += fee
            if rows.string(row, 1) == "BUY" {
                current.trade.quantityBase += quantity
                current.cost += notional
                current.trade.entryPriceQuote = mean(current.cost, current.trade.quantityBase)
            } else {
                current.sold += quantity
                current.proceeds += notional
            }
            if after.isPositive {
                open[symbol] = current
                continue
            }
            current.trade.exitHourTs = hour
            current.trade.exitPriceQuote = mean(current.proceeds, current.sold)
            current.trade.pnlQuote = current.proceeds - current.cost - current.trade.feesQuote
            trades.append(current.trade)
            open[symbol] = nil
        }
        trades += open.values.map(\.trade)
        return trades.sorted { ($0.entryHourTs, $0.symbol) < ($1.entryHourTs, $1.symbol) }
    }

    static func mean(_ amount: FixedDecimal, _ quantity: FixedDecimal) -> FixedDecimal {
        quantity.isPositive ? amount.divided(by: quantity, rounding: .halfEven).rounded(decimals: 8, .halfEven) : .zero
    }
}
