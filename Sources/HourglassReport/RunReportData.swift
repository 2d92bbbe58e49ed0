import HourglassCore

/// Everything the HTML report of one run shows, read from the run's log and projections.
///
/// A plain value: the store fills it, `HTMLReportRenderer` turns it into bytes. The same value
/// always renders to the same bytes (no clock, no locale, no unordered iteration).
public struct RunReportData: Sendable, Equatable {
    /// Which run this is and what it was configured with.
    public var identity: ReportRunIdentity
    /// One point per executed hour, in hour order.
    public var hours: [ReportHour]
    /// Rule outcomes counted per UTC day, sorted by day then rule id.
    public var ruleDays: [ReportRuleDay]
    /// Kill-switch and circuit-breaker periods, sorted by start.
    public var periods: [ReportPeriod]
    /// Model retrainings recorded in the run (none until models exist).
    public var retrainings: [ReportRetraining]
    /// The metrics table, in display order.
    public var metrics: [ReportMetric]
    /// Round trips and open positions, sorted by entry hour then symbol.
    public var trades: [ReportTrade]
    /// Max drawdowns of trade-resampled equity paths.
    public var monteCarlo: MonteCarloDrawdowns

    /// Creates the report data.
    public init(
        identity: ReportRunIdentity, hours: [ReportHour], ruleDays: [ReportRuleDay], periods: [ReportPeriod],
        retrainings: [ReportRetraining], metrics: [ReportMetric], trades: [ReportTrade],
        monteCarlo: MonteCarloDrawdowns
    ) {
        self.identity = identity
        self.hours = hours
        self.ruleDays = ruleDays
        self.periods = periods
        self.retrainings = retrainings
        self.metrics = metrics
        self.trades = trades
        self.monteCarlo = monteCarlo
    }
}
