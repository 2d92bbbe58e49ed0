/// The features of one symbol at the close of hour H, computed from bars up to H only.
///
/// Doubles are fine here (DESIGN §3): they never enter the ledger except through an explicit,
/// tested conversion. Every field is computed in a fixed order so bits are reproducible.
public struct SymbolFeatures: Sendable, Hashable {
    public var return1h: Double
    public var return4h: Double
    public var return24h: Double
    /// Least-squares slope of close over the momentum window ÷ the window's mean close: a fraction
    /// per hour (≈ the slope of log close for small moves; computed without `log`).
    public var momentumSlope: Double
    /// Average true range over 14 hours, in quote currency.
    public var atr14: Double
    /// ATR14 ÷ close.
    public var atrFraction: Double
    /// Sample standard deviation of hourly simple returns over the volatility window.
    public var realizedVolatility: Double
    /// Where the current realised volatility ranks in its own trailing history (0...1).
    public var volatilityPercentile: Double
    /// True when realised volatility is above its regime threshold.
    public var highVolatility: Bool
    /// Volume ÷ its trailing mean.
    public var volumeSurgeRatio: Double
    /// (high − low) ÷ its trailing 30-day median: the spread-widening proxy.
    public var rangeRatio: Double
    /// Close above the trailing window's highest high.
    public var breakout: Bool
    /// (close − rolling mean) ÷ rolling mean.
    public var distanceFromMean: Double
    /// Beta of hourly returns to the BTC pair (1 for BTC itself; 0 when BTC has no history).
    public var betaToBTC: Double
    /// Correlation of hourly returns to the BTC pair.
    public var correlationToBTC: Double
    /// Share of universe symbols above their 24h mean (same for every symbol of an hour).
    public var marketBreadth: Double
    /// `SMACrossSignal.cross` of the closes (+1, −1, 0), or nil when no `sma_cross` model runs.
    public var smaCross: Int?
    /// Bars in a row up to H that the gap policy carried forward (0 when H's bar is real).
    public var carriedHours: Int

    public init(
        return1h: Double, return4h: Double, return24h: Double, momentumSlope: Double, atr14: Double,
        atrFraction: Double,
        realizedVolatility: Double, volatilityPercentile: Double, highVolatility: Bool, volumeSurgeRatio: Double,
        rangeRatio: Double, breakout: Bool, distanceFromMean: Double, betaToBTC: Double, correlationToBTC: Double,
        marketBreadth: Double, smaCross: Int? = nil, carriedHours: Int = 0
    ) {
        self.return1h = return1h
        self.return4h = return4h
        self.return24h = return24h
        self.momentumSlope = momentumSlope
        self.atr14 = atr14
        self.atrFraction = atrFraction
        self.realizedVolatility = realizedVolatility
        self.volatilityPercentile = volatilityPercentile
        self.highVolatility = highVolatility
        self.volumeSurgeRatio = volumeSurgeRatio
        self.rangeRatio = rangeRatio
        self.breakout = breakout
        self.distanceFromMean = distanceFromMean
        self.betaToBTC = betaToBTC
        self.correlationToBTC = correlationToBTC
        self.marketBreadth = marketBreadth
        self.smaCross = smaCross
        self.carriedHours = carriedHours
    }
}
