import HourglassCore

/// The outcome of a long entry at the close of one bar, and the hour from which that outcome is known.
public struct TripleBarrierLabel: Sendable, Hashable {
    /// Open time of the entry bar; the entry price is its close, known at `entryHourTs + 1h`.
    public var entryHourTs: UTCTimestamp
    public var entryPrice: Double
    public var upperPrice: Double
    public var lowerPrice: Double
    /// Which barrier ended it.
    public var touch: BarrierTouch
    /// Open time of the bar that touched a barrier (or the last bar inside the holding time).
    public var exitHourTs: UTCTimestamp
    /// The barrier price when touched, else that last bar's close.
    public var exitPrice: Double
    /// When the label becomes known: the touching bar's close (`exitHourTs + 1h`), or the close of hour
    /// t+h for the vertical barrier. Training at
    /// hour R may only use labels with `availableHourTs ≤ R`; walk-forward purging relies on it.
    public var availableHourTs: UTCTimestamp

    /// `exitPrice / entryPrice − 1`, before costs.
    public var grossReturn: Double { exitPrice / entryPrice - 1 }

    /// The binary training target: the upper barrier came first.
    public var hitUpper: Bool { touch == .upper }
}
