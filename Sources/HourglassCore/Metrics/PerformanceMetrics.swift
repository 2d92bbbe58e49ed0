/// The performance of a run, computed in exactly one place for every report (DESIGN §13).
///
/// `run-report`, `governance-report`'s shadow comparison and the HTML report all call
/// `PerformanceMetrics.compute(initialEquityQuote:equityCurve:trades:feesPaidQuote:)`, so they
/// cannot disagree. Money stays `FixedDecimal`; ratios are `Double`, computed in the order given.
///
/// Definitions (the curve is the initial equity followed by one point per executed hour):
/// - hourly return i: `equity[i] ÷ equity[i−1] − 1` (the first against the initial equity);
///   a non-positive previous equity gives a return of 0;
/// - total return: `final ÷ initial − 1`; CAGR: `(final ÷ initial)^(8760 ÷ hours) − 1`;
/// - Sharpe: `mean ÷ sample standard deviation × √(24·365)` of the hourly returns (risk-free 0);
/// - Sortino: `mean ÷ downside deviation × √(24·365)`, downside deviation `√(Σ min(r, 0)² ÷ n)`;
/// - Calmar: CAGR ÷ max drawdown fraction;
/// - profit factor: gross realised profit ÷ gross realised loss of the closed trades;
/// - win rate: share of closed trades with positive realised P&L (after fees);
/// - expectancy: mean realised P&L per closed trade, in quote currency (12 decimals, half-even);
/// - exposure: the fraction of hours that closed with at least one open position.
///
/// The nil rule: a ratio that is undefined is nil, never 0 or infinity. Sharpe and Sortino are
/// nil with fewer than two hourly returns or a zero deviation (a flat curve, or every return the
/// same: a deviation below `deviationFloor` is zero, because rounding the mean alone leaves a
/// deviation near 1e-17 that would give an absurd ratio); CAGR with no hours
/// or a non-positive initial or final equity; Calmar with no drawdown; profit factor with no
/// losing trade; win rate and expectancy with no trade; exposure with no hours.
public struct PerformanceMetrics: Sendable, Hashable {
    /// Hours per year used to annualise hourly figures.
    public static let hoursPerYear = 24.0 * 365.0
    /// A return deviation below this counts as zero (Sharpe and Sortino are then nil).
    public static let deviationFloor = 1e-12

    /// Equity before the first hour.
    public var initialEquityQuote: FixedDecimal
    /// Equity at the close of the last hour (the initial equity when there are no hours).
    public var finalEquityQuote: FixedDecimal
    /// Hours in the curve (the number of hourly returns).
    public var hours: Int
    /// `final ÷ initial − 1` (0 when the initial equity is not positive).
    public var totalReturnFraction: Double
    /// Compound annual growth rate; nil when undefined.
    public var cagr: Double?
    /// Annualised Sharpe ratio of the hourly returns; nil when undefined.
    public var sharpe: Double?
    /// Annualised Sortino ratio of the hourly returns; nil when undefined.
    public var sortino: Double?
    /// The deepest fall from a running peak, exact.
    public var maxDrawdown: Drawdown
    /// CAGR ÷ max drawdown; nil when undefined.
    public var calmar: Double?
    /// Gross profit ÷ gross loss of closed trades; nil with no losing trade.
    public var profitFactor: Double?
    /// Winning closed trades ÷ closed trades; nil with no trade.
    public var winRate: Double?
    /// Mean realised P&L per closed trade, in quote currency; nil with no trade.
    public var expectancyQuote: FixedDecimal?
    /// Fraction of hours closed with an open position; nil with no hours.
    public var exposureFraction: Double?
    /// Fees paid over the run, in quote currency (as given).
    public var feesPaidQuote: FixedDecimal
    /// Closed round trips.
    public var tradeCount: Int
    /// Closed round trips with positive realised P&L.
    public var winningTradeCount: Int
    /// The deflated Sharpe ratio of the hourly returns for the configurations tried (Bailey and López
    /// de Prado): set by the shell from the research statistics; nil when not computed or undefined.
    public var deflatedSharpe: Double? = nil

    /// Computes every metric of one run.
    ///
    /// - Parameters:
    ///   - initialEquityQuote: equity before the first hour (the run's initial cash).
    ///   - equityCurve: one point per executed hour, oldest first.
    ///   - trades: the run's closed round trips, in exit order.
    ///   - feesPaidQuote: every fee the run paid (entries, exits and open positions' entries).
    public static func compute(
        initialEquityQuote: FixedDecimal, equityCurve: [EquityPoint], trades: [ClosedTrade],
        feesPaidQuote: FixedDecimal
    ) -> PerformanceMetrics {
        let finalEquity = equityCurve.last?.equityQuote ?? initialEquityQuote
        let returns = hourlyReturns(initialEquityQuote: initialEquityQuote, curve: equityCurve)
        let drawdown = Drawdown.maximum(initialEquityQuote: initialEquityQuote, curve: equityCurve)
        let cagr = compoundAnnualGrowth(initial: initialEquityQuote, final: finalEquity, hours: equityCurve.count)
        var grossProfit = FixedDecimal.zero
        var grossLoss = FixedDecimal.zero
        var netPnl = FixedDecimal.zero
        var wins = 0
        for trade in trades {
            netPnl += trade.realizedPnlQuote
            if trade.realizedPnlQuote.isPositive {
                grossProfit += trade.realizedPnlQuote
                wins += 1
            } else {
                grossLoss += trade.realizedPnlQuote.magnitude
            }
        }
        let exposedHours = equityCurve.reduce(0) { $0 + ($1.openPositions > 0 ? 1 : 0) }
        return PerformanceMetrics(
            initialEquityQuote: initialEquityQuote, finalEquityQuote: finalEquity, hours: equityCurve.count,
            totalReturnFraction: ratio(finalEquity - initialEquityQuote, initialEquityQuote), cagr: cagr,
            sharpe: sharpeRatio(returns), sortino: sortinoRatio(returns), maxDrawdown: drawdown,
            calmar: cagr.flatMap { drawdown.fraction.isPositive ? $0 / drawdown.fractionValue : nil },
            profitFactor: grossLoss.isPositive ? ratio(grossProfit, grossLoss) : nil,
            winRate: trades.isEmpty ? nil : Double(wins) / Double(trades.count),
            expectancyQuote: trades.isEmpty
                ? nil : netPnl.divided(by: FixedDecimal(Int64(trades.count)), rounding: .halfEven),
            exposureFraction: equityCurve.isEmpty ? nil : Double(exposedHours) / Double(equityCurve.count),
            feesPaidQuote: feesPaidQuote, tradeCount: trades.count, winningTradeCount: wins)
    }

    /// `numerator ÷ denominator` divided exactly (12 decimals, half-even), then as a `Double`; 0
    /// when the denominator is not positive.
    public static func ratio(_ numerator: FixedDecimal, _ denominator: FixedDecimal) -> Double {
        guard denominator.isPositive else { return 0 }
        return numerator.divided(by: denominator, rounding: .halfEven).doubleValue
    }

    /// Hour-over-hour returns, the first measured against the initial equity.
    public static func hourlyReturns(initialEquityQuote: FixedDecimal, curve: [EquityPoint]) -> [Double] {
        var previous = initialEquityQuote
        var returns: [Double] = []
        returns.reserveCapacity(curve.count)
        for point in curve {
            returns.append(ratio(point.equityQuote - previous, previous))
            previous = point.equityQuote
        }
        return returns
    }

    static func compoundAnnualGrowth(initial: FixedDecimal, final: FixedDecimal, hours: Int) -> Double? {
        guard hours > 0, initial.isPositive, final.isPositive else { return nil }
        let growth = final.divided(by: initial, rounding: .halfEven).doubleValue
        return DeterministicMath.pow(growth, hoursPerYear / Double(hours)) - 1
    }

    static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }

    static func sharpeRatio(_ returns: [Double]) -> Double? {
        guard returns.count > 1 else { return nil }
        let average = mean(returns)
        var squares = 0.0
        for value in returns { squares += (value - average) * (value - average) }
        let deviation = (squares / Double(returns.count - 1)).squareRoot()
        guard deviation >= deviationFloor else { return nil }
        return average / deviation * hoursPerYear.squareRoot()
    }

    static func sortinoRatio(_ returns: [Double]) -> Double? {
        guard returns.count > 1 else { return nil }
        let average = mean(returns)
        var squares = 0.0
        for value in returns where value < 0 { squares += value * value }
        let deviation = (squares / Double(returns.count)).squareRoot()
        guard deviation >= deviationFloor else { return nil }
        return average / deviation * hoursPerYear.squareRoot()
    }
}
