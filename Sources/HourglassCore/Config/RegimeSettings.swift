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
