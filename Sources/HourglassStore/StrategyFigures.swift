import HourglassCore

/// What a strategy (a run, or a buy-and-hold benchmark) earned over a window, net of fees.
///
/// Return, Sharpe and max drawdown are `PerformanceMetrics`' (the one definition every report uses);
/// the deflated Sharpe ratio is for one configuration: the probabilistic Sharpe ratio against 0,
/// as `RunStore.performance(of:)` gives it.
public struct StrategyFigures: Sendable, Hashable {
    /// Hours in the equity curve.
    public var hours: Int
    public var initialEquityQuote: FixedDecimal
    public var finalEquityQuote: FixedDecimal
    /// `final ÷ initial − 1`, after every fee.
    public var returnFraction: Double
    /// Annualised Sharpe ratio of the hourly returns; nil when undefined (e.g. a flat curve).
    public var sharpe: Double?
    /// P(true Sharpe > 0) given the sample's length, skew and kurtosis; nil when undefined.
    public var deflatedSharpe: Double?
    public var maxDrawdownFraction: Double
    public var feesQuote: FixedDecimal
    /// Closed round trips (nil for a benchmark, which holds from the first hour to the last).
    public var tradeCount: Int?
    /// Share of hours that closed with at least one open position; nil with no hours.
    public var hoursInvestedFraction: Double?
    /// Mean over the hours of (equity − cash) ÷ equity at the hour's close.
    public var meanInvestedFraction: Double

    /// Figures from a run's or benchmark's metrics.
    public init(metrics: PerformanceMetrics, tradeCount: Int?, meanInvestedFraction: Double) {
        hours = metrics.hours
        initialEquityQuote = metrics.initialEquityQuote
        finalEquityQuote = metrics.finalEquityQuote
        returnFraction = metrics.totalReturnFraction
        sharpe = metrics.sharpe
        deflatedSharpe = metrics.deflatedSharpe
        maxDrawdownFraction = metrics.maxDrawdown.fractionValue
        feesQuote = metrics.feesPaidQuote
        self.tradeCount = tradeCount
        hoursInvestedFraction = metrics.exposureFraction
        self.meanInvestedFraction = meanInvestedFraction
    }
}
