import HourglassCore
import HourglassModels

/// Buy-and-hold of a run's symbols at a given exposure: the benchmark a strategy must beat.
///
/// At the window's first hour a fraction `exposure` of the initial equity is split equally over the
/// symbols that have a bar in the window; each share buys its symbol at the open of its first bar in the
/// window, paying `feeRate` on the notional (units = share ÷ (open × (1 + feeRate))), and is held to the
/// end. The rest stays cash. Each hour's equity = cash + Σ units × the symbol's last close so far (a share
/// whose symbol has not traded yet is still cash). The last hour sells everything at its close, paying
/// `feeRate` again. Never rebalanced. Research figures in `Double`; never money in the ledger.
public enum BuyAndHoldBenchmark {
    /// The equity at the close of each hour of `hours` (ascending), and the fees paid.
    ///
    /// - Parameters:
    ///   - bars: each symbol's bars (ascending open time); bars outside `hours` are ignored.
    ///   - exposure: fraction of the initial equity invested, in [0, 1].
    public static func curve(
        bars: [[Bar]], hours: [UTCTimestamp], initialEquityQuote: Double, exposure: Double, feeRate: Double
    ) -> (equity: [Double], investedFractions: [Double], feesQuote: Double) {
        precondition(exposure >= 0 && exposure <= 1 && feeRate >= 0, "exposure in [0, 1], fee rate ≥ 0")
        guard let first = hours.first, let last = hours.last else { return ([], [], 0) }
        let series = bars.map { $0.filter { $0.openTs >= first && $0.openTs <= last } }.filter { !$0.isEmpty }
        let share = series.isEmpty ? 0 : initialEquityQuote * exposure / Double(series.count)
        let cash = initialEquityQuote - share * Double(series.count)
        var units = [Double](repeating: 0, count: series.count)
        var lastClose = [Double](repeating: 0, count: series.count)
        var cursor = [Int](repeating: 0, count: series.count)
        var fees = 0.0
        var equity: [Double] = []
        var invested: [Double] = []
        equity.reserveCapacity(hours.count)
        invested.reserveCapacity(hours.count)
        for hour in hours {
            var value = cash
            var held = 0.0
            for index in series.indices {
                while cursor[index] < series[index].count, series[index][cursor[index]].openTs <= hour {
                    let bar = series[index][cursor[index]]
                    if units[index] == 0, share > 0 {
                        let open = bar.openPrice.doubleValue
                        units[index] = share / (open * (1 + feeRate))
                        fees += units[index] * open * feeRate
                    }
                    lastClose[index] = bar.closePrice.doubleValue
                    cursor[index] += 1
                }
                if units[index] > 0 {
                    held += units[index] * lastClose[index]
                } else {
                    value += share
                }
            }
            value += held
            equity.append(value)
            invested.append(value > 0 ? held / value : 0)
        }
        let exitFee = zip(units, lastClose).reduce(0.0) { $0 + $1.0 * $1.1 * feeRate }
        equity[equity.count - 1] -= exitFee
        return (equity, invested, fees + exitFee)
    }

    /// The benchmark's figures over `hours`, computed like a run's (`PerformanceMetrics`, the PSR against 0).
    public static func figures(
        bars: [[Bar]], hours: [UTCTimestamp], initialEquityQuote: FixedDecimal, exposure: Double,
        feeRate: Double
    ) -> StrategyFigures {
        let (equity, investedFractions, fees) = curve(
            bars: bars, hours: hours, initialEquityQuote: initialEquityQuote.doubleValue, exposure: exposure,
            feeRate: feeRate)
        let points = hours.indices.map { index in
            EquityPoint(
                hourTs: hours[index], equityQuote: quote(equity[index]),
                openPositions: investedFractions[index] > 0 ? 1 : 0)
        }
        var metrics = PerformanceMetrics.compute(
            initialEquityQuote: initialEquityQuote, equityCurve: points, trades: [], feesPaidQuote: quote(fees))
        metrics.deflatedSharpe = SharpeStatistics.probabilisticSharpeAgainstZero(
            PerformanceMetrics.hourlyReturns(initialEquityQuote: initialEquityQuote, curve: points))
        let meanInvested =
            investedFractions.isEmpty ? 0 : investedFractions.reduce(0, +) / Double(investedFractions.count)
        return StrategyFigures(metrics: metrics, tradeCount: nil, meanInvestedFraction: meanInvested)
    }

    /// A research figure as a quote amount, to the micro-unit (half away from zero).
    static func quote(_ value: Double) -> FixedDecimal {
        FixedDecimal(raw: Int128((value * 1e6).rounded()) * 1_000_000)
    }
}
