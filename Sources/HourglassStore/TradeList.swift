import HourglassCore
import HourglassReport

/// Reads a run's trades from its `fills` projection (written with each hour's events).
public enum TradeList {
    /// Every trade of `runId` in entry order; a position still open at the run's last hour is the
    /// last trade of its symbol, without exit. `run-report --json` and the HTML report both list these.
    public static func load(store: RunStore, runId: String) throws -> [ReportTrade] {
        try load(connection: store.connection, runId: runId)
    }

    static func load(connection: PGConnection, runId: String) throws -> [ReportTrade] {
        let rows = try connection.execute(
            """
            SELECT symbol, side, extract(epoch FROM fill_hour)::bigint, quantity::text, notional::text, fee::text,
                   position_after::text
            FROM fills WHERE run_id = $1::uuid ORDER BY seq
            """, [.text(runId)], context: "read the run's fills")
        var open: [String: (trade: ReportTrade, cost: FixedDecimal, sold: FixedDecimal, proceeds: FixedDecimal)] = [:]
        var trades: [ReportTrade] = []
        for row in 0..<rows.rowCount {
            let symbol = rows.string(row, 0)!
            let hour = UTCTimestamp(secondsSinceEpoch: rows.int64(row, 2)!)
            let quantity = try FixedDecimal.parse(rows.string(row, 3)!)
            let notional = try FixedDecimal.parse(rows.string(row, 4)!)
            let fee = try FixedDecimal.parse(rows.string(row, 5)!)
            let after = try FixedDecimal.parse(rows.string(row, 6)!)
            var current =
                open[symbol] ?? (
                    ReportTrade(
                        symbol: symbol, entryFillHourTs: hour, exitFillHourTs: nil, quantityBase: .zero,
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
            current.trade.exitFillHourTs = hour
            current.trade.exitPriceQuote = mean(current.proceeds, current.sold)
            current.trade.pnlQuote = current.proceeds - current.cost - current.trade.feesQuote
            trades.append(current.trade)
            open[symbol] = nil
        }
        trades += open.values.map(\.trade)
        return trades.sorted { ($0.entryFillHourTs, $0.symbol) < ($1.entryFillHourTs, $1.symbol) }
    }

    static func mean(_ amount: FixedDecimal, _ quantity: FixedDecimal) -> FixedDecimal {
        quantity.isPositive ? amount.divided(by: quantity, rounding: .halfEven).rounded(decimals: 8, .halfEven) : .zero
    }
}
