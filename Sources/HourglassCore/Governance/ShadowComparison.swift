/// The same window run with governance and without it: what governance cost or saved.
///
/// The shell fills both sides from two runs (`PerformanceMetrics` over each equity curve).
public struct ShadowComparison: Sendable, Hashable {
    /// Return and drawdown of one run.
    public struct RunPerformance: Sendable, Hashable {
        /// Final equity ÷ initial equity − 1.
        public var returnFraction: Double
        /// Largest fall from a running peak, as a fraction of that peak.
        public var maxDrawdownFraction: Double

        /// Creates a performance.
        public init(returnFraction: Double, maxDrawdownFraction: Double) {
            self.returnFraction = returnFraction
            self.maxDrawdownFraction = maxDrawdownFraction
        }

        /// The return and drawdown of `metrics` (computed once, by `PerformanceMetrics`).
        public init(_ metrics: PerformanceMetrics) {
            self.init(
                returnFraction: metrics.totalReturnFraction, maxDrawdownFraction: metrics.maxDrawdown.fractionValue)
        }

        /// Measures an equity curve (hourly equity, oldest first, the initial equity first); zeros
        /// when it has under two points. Delegates to `PerformanceMetrics`.
        public static func measure(equityCurve: [FixedDecimal]) -> RunPerformance {
            guard let first = equityCurve.first, equityCurve.count > 1, first.isPositive else {
                return RunPerformance(returnFraction: 0, maxDrawdownFraction: 0)
            }
            // Only return and drawdown are read, so the points' hours are just their positions.
            let points = equityCurve.dropFirst().enumerated().map { index, equity in
                EquityPoint(
                    hourTs: UTCTimestamp(secondsSinceEpoch: Int64(index) * UTCTimestamp.secondsPerHour),
                    equityQuote: equity, openPositions: 0)
            }
            return RunPerformance(
                PerformanceMetrics.compute(
                    initialEquityQuote: first, equityCurve: points, trades: [],
                    feesPaidQuote: .zero))
        }

        /// JSON view.
        public var json: JSONValue {
            .object(["return": .double(returnFraction), "max_drawdown": .double(maxDrawdownFraction)])
        }
    }

    /// The run as governed.
    public var withGovernance: RunPerformance
    /// The same window with governance off.
    public var withoutGovernance: RunPerformance

    /// Creates a comparison.
    public init(withGovernance: RunPerformance, withoutGovernance: RunPerformance) {
        self.withGovernance = withGovernance
        self.withoutGovernance = withoutGovernance
    }

    /// JSON view.
    public var json: JSONValue {
        .object(["with_governance": withGovernance.json, "without_governance": withoutGovernance.json])
    }
}
