/// The parameters that change with the market regime: sizing multiplier, trailing stop and time limit.
///
/// One value exists per regime label (`trend`, `range`, `high_vol`, `crash`, `unknown`); an
/// unrecognised label uses the `unknown` settings, which are deliberately cautious.
public struct RegimeSettings: Sendable, Hashable {
    /// Position size multiplier applied by sizing (`crash` is 0: no entries).
    public var sizeMultiplier: FixedDecimal
    /// Trailing stop distance below the highest close since entry, in entry ATRs.
    public var trailingStopATRMultiple: FixedDecimal
    /// Longest holding period before a time exit, in hours.
    public var timeLimitHours: Int

    /// Creates regime settings.
    public init(sizeMultiplier: FixedDecimal, trailingStopATRMultiple: FixedDecimal, timeLimitHours: Int) {
        self.sizeMultiplier = sizeMultiplier
        self.trailingStopATRMultiple = trailingStopATRMultiple
        self.timeLimitHours = timeLimitHours
    }
}

/// The regime labels the features produce, in their canonical order.
public enum RegimeLabel {
    /// Trending market.
    public static let trend = "trend"
    /// Range-bound (choppy) market.
    public static let range = "range"
    /// High-volatility market.
    public static let highVol = "high_vol"
    /// Crash: no new entries.
    public static let crash = "crash"
    /// Not enough history to tell.
    public static let unknown = "unknown"
    /// Every label, in canonical order.
    public static let all = [trend, range, highVol, crash, unknown]
}
