import HourglassCore
import HourglassModels

/// The inputs of `PerformanceMetrics`, read from a run's projections.
extension RunStore {
    /// The run's hourly equity curve (one point per executed hour, oldest first).
    public func equityCurve(runId: String) throws -> [EquityPoint] {
        let result = try connection.execute(
            """
            SELECT extract(epoch from hour_ts_utc)::bigint, equity::text, open_positions
            FROM hour_manifests WHERE run_id = $1::uuid ORDER BY hour_ts_utc
            """, [.text(runId)], context: "read the equity curve")
        return try (0..<result.rowCount).map { row in
            EquityPoint(
                hourTs: UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!),
                equityQuote: try FixedDecimal.parse(result.string(row, 1)!),
                openPositions: Int(result.int64(row, 2)!))
        }
    }

    /// The run's closed round trips, in exit order, rebuilt from its fills.
    ///
    /// A round trip opens with the first BUY of a flat symbol and closes with the SELL that
    /// leaves it flat. Its realised P&L is Σ sell notional − Σ buy notional − Σ fees (exact);
    /// its return is that P&L ÷ Σ buy notional (in `Double`, as the engine's `ClosedTrade`); its exit
    /// reason is the closing order's (`exit:…`). Positions still open are not trades.
    public func closedTrades(runId: String) throws -> [ClosedTrade] {
        let result = try connection.execute(
            """
            SELECT f.symbol, f.side, extract(epoch from f.fill_hour)::bigint, f.notional::text, f.fee::text,
                   f.position_after::text, o.reason
            FROM fills f JOIN orders o ON o.run_id = f.run_id AND o.order_id = f.order_id
            WHERE f.run_id = $1::uuid ORDER BY f.seq
            """, [.text(runId)], context: "read the fills")
        var open: [String: OpenTrip] = [:]
        var trades: [ClosedTrade] = []
        for row in 0..<result.rowCount {
            let symbol = result.string(row, 0)!
            let hour = UTCTimestamp(secondsSinceEpoch: result.int64(row, 2)!)
            let notional = try FixedDecimal.parse(result.string(row, 3)!)
            let fee = try FixedDecimal.parse(result.string(row, 4)!)
            var trip = open[symbol] ?? OpenTrip(entryTs: hour)
            trip.feesQuote += fee
            if result.string(row, 1)! == OrderSide.buy.rawValue {
                trip.boughtQuote += notional
                open[symbol] = trip
                continue
            }
            trip.soldQuote += notional
            guard try FixedDecimal.parse(result.string(row, 5)!).isZero else {
                open[symbol] = trip
                continue
            }
            open[symbol] = nil
            let reasonText = result.string(row, 6)!
            guard let reason = ExitReason(orderReason: reasonText) else {
                throw RunStoreError.inputCorrupt(
                    seq: 0,
                    reason: "the order closing \(symbol) is not an exit (\(reasonText))")
            }
            let pnl = trip.soldQuote - trip.boughtQuote - trip.feesQuote
            trades.append(
                ClosedTrade(
                    symbol: symbol, entryTs: trip.entryTs, exitTs: hour, realizedPnlQuote: pnl,
                    returnFraction: trip.boughtQuote.isPositive ? pnl.doubleValue / trip.boughtQuote.doubleValue : 0,
                    exitReason: reason))
        }
        return trades
    }

    /// Every fee the run paid, in quote currency.
    public func feesPaid(runId: String) throws -> FixedDecimal {
        let result = try connection.execute(
            "SELECT coalesce(sum(fee), 0)::text FROM fills WHERE run_id = $1::uuid",
            [.text(runId)], context: "sum the fees")
        return try FixedDecimal.parse(result.string(0, 0)!)
    }

    /// The run's metrics, from its equity curve, closed trades and fees.
    ///
    /// The deflated Sharpe ratio is for one configuration (the run's own): with a single trial it is
    /// the probabilistic Sharpe ratio against 0, P(true Sharpe > 0) given the sample's length, skew and
    /// kurtosis. `research cpcv` deflates for the number of configurations it tries. Nil with fewer
    /// than three hourly returns or returns that never vary (a flat run).
    public func performance(of run: RunRecord) throws -> PerformanceMetrics {
        let id = run.context.runId
        let curve = try equityCurve(runId: id)
        var metrics = PerformanceMetrics.compute(
            initialEquityQuote: run.config.initialCashQuote, equityCurve: curve,
            trades: try closedTrades(runId: id), feesPaidQuote: try feesPaid(runId: id))
        metrics.deflatedSharpe = SharpeStatistics.probabilisticSharpeAgainstZero(
            PerformanceMetrics.hourlyReturns(initialEquityQuote: run.config.initialCashQuote, curve: curve))
        return metrics
    }
}

/// A round trip still open while the fills are walked.
private struct OpenTrip {
    var entryTs: UTCTimestamp
    var boughtQuote = FixedDecimal.zero
    var soldQuote = FixedDecimal.zero
    var feesQuote = FixedDecimal.zero
}
