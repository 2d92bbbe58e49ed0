import HourglassCore

/// One executed hour: the run's equity, the benchmark's, exposure and open positions at its close.
public struct ReportHour: Sendable, Equatable {
    /// The hour (the bar that opens at it).
    public var hourTs: UTCTimestamp
    /// The run's equity at the hour's close.
    public var equityQuote: FixedDecimal
    /// Buy-and-hold of the universe at the run's mean exposure, from the same initial equity.
    public var benchmarkEquity: Double
    /// Market value of open positions ÷ equity.
    public var exposureFraction: Double
    /// Open positions at the hour's close.
    public var openPositions: Int

    /// Creates an hour point.
    public init(
        hourTs: UTCTimestamp, equityQuote: FixedDecimal, benchmarkEquity: Double, exposureFraction: Double,
        openPositions: Int
    ) {
        self.hourTs = hourTs
        self.equityQuote = equityQuote
        self.benchmarkEquity = benchmarkEquity
        self.exposureFraction = exposureFraction
        self.openPositions = openPositions
    }
}
