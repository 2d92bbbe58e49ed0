import HourglassCore

/// Labels long entries with the triple-barrier method (López de Prado, AFML ch. 3), reading no bar beyond the label.
///
/// For an entry at the close of bar t: σ is the sample standard deviation of the simple close-to-close
/// returns of the `volatilityWindowBars` bars ending at t (bars ≤ t only), scaled to the horizon by √h.
/// The barriers are `entry × (1 ± k × σ√h)`. The bars opening at t+1 … t+h are read in order; the first
/// whose high reaches the upper or whose low reaches the lower barrier ends the label. Missing hours are
/// simply absent. The label exists only once it is decided: a touch, or a bar opening at or after t+h.
/// It is available at the touching bar's close, or at the close of hour t+h for the vertical barrier
/// (a missing last hour is only known to be missing once that hour has passed).
public struct TripleBarrierLabeler: Sendable {
    public let parameters: TripleBarrierParameters

    /// A labeller with `parameters`.
    public init(parameters: TripleBarrierParameters = TripleBarrierParameters()) { self.parameters = parameters }

    /// The label of an entry at `points[index]`, or nil when σ cannot be measured yet or the outcome is
    /// not decided by the bars given. `points` is one symbol's bars, sorted by open time, unique.
    public func label(at index: Int, in points: [PricePoint]) -> TripleBarrierLabel? {
        let window = parameters.volatilityWindowBars
        guard index >= window - 1, index < points.count else { return nil }
        guard let sigma = Self.volatility(points[(index - window + 1)...index]), sigma > 0 else { return nil }
        let entry = points[index]
        let width = sigma * Double(parameters.maxHoldingHours).squareRoot()
        let upper = entry.close * (1 + parameters.upperMultiple * width)
        let lower = entry.close * max(1 - parameters.lowerMultiple * width, 0)
        let verticalTs = entry.hourTs.adding(hours: Int64(parameters.maxHoldingHours))
        var last: PricePoint?
        var cursor = index + 1
        while cursor < points.count, points[cursor].hourTs <= verticalTs {
            let bar = points[cursor]
            let closeTs = bar.hourTs.adding(hours: 1)
            if bar.low <= lower { return make(entry, upper, lower, .lower, bar.hourTs, lower, closeTs) }
            if bar.high >= upper { return make(entry, upper, lower, .upper, bar.hourTs, upper, closeTs) }
            last = bar
            cursor += 1
        }
        // Undecided unless a bar at or after the vertical barrier shows the holding time has passed.
        guard cursor < points.count || last?.hourTs == verticalTs, let last else { return nil }
        return make(entry, upper, lower, .vertical, last.hourTs, last.close, verticalTs.adding(hours: 1))
    }

    /// Every decided label of `points`, in entry order.
    public func labels(_ points: [PricePoint]) -> [TripleBarrierLabel] {
        points.indices.compactMap { label(at: $0, in: points) }
    }

    private func make(
        _ entry: PricePoint, _ upper: Double, _ lower: Double, _ touch: BarrierTouch,
        _ exitTs: UTCTimestamp, _ exitPrice: Double, _ availableTs: UTCTimestamp
    ) -> TripleBarrierLabel {
        TripleBarrierLabel(
            entryHourTs: entry.hourTs, entryPrice: entry.close, upperPrice: upper, lowerPrice: lower,
            touch: touch, exitHourTs: exitTs, exitPrice: exitPrice,
            availableHourTs: availableTs)
    }

    /// Sample standard deviation of the simple returns between consecutive points (nil below 2 returns).
    static func volatility(_ points: ArraySlice<PricePoint>) -> Double? {
        var returns: [Double] = []
        var previous: PricePoint?
        for point in points {
            if let previous { returns.append(point.close / previous.close - 1) }
            previous = point
        }
        guard returns.count >= 2 else { return nil }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let squares = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(returns.count - 1)).squareRoot()
    }
}
