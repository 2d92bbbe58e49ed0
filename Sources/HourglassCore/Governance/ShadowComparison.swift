/// The same window run with governance and without it: what governance cost or saved.
///
/// The shell fills both sides from two runs (`RunPerformance.measure` over each equity curve).
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

        /// Measures an equity curve (hourly equity, oldest first); zeros when it has under two points.
        public static func measure(equityCurve: [FixedDecimal]) -> RunPerformance {
            guard let first = equityCurve.first, let last = equityCurve.last, equityCurve.count > 1, first.isPositive else {
                return RunPerformance(returnFraction: 0, maxDrawdownFraction: 0)
            }
            var peak = first
            var worst = 0.0
            for equity in equityCurve {
                if equity > peak { peak = equity }
                worst = max(worst, RuleMath.ratio(peak - equity, peak))
            }
            return RunPerformance(returnFraction: RuleMath.ratio(last - first, first), maxDrawdownFraction: worst)
        }

        /// JSON view.
        public var json: JSONValue { .object(["return": .double(returnFraction), "max_drawdown": .double(maxDrawdownFraction)]) }
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
    public var json: JSONValue { .object(["with_governance": withGovernance.json, "without_governance": withoutGovernance.json]) }
}
