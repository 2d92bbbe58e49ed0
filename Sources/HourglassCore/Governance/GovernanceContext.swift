/// Everything a rule may look at when it judges an order, as of the close of hour H.
///
/// Built by the reducer from `EngineState`, the hour's bars and features. Arrays are sorted by
/// symbol; lookups go through the accessor functions so no dictionary order leaks out.
public struct GovernanceContext: Sendable {
    /// The hour being decided.
    public var hourTs: UTCTimestamp
    /// Cash available for new buys after orders already approved this hour.
    public var freeCashQuote: FixedDecimal
    /// Cash + Σ quantity × mark at the close of H.
    public var equityQuote: FixedDecimal
    /// Highest equity seen so far in the run.
    public var peakEquityQuote: FixedDecimal
    /// Equity at 00:00 UTC of the current day (the first hour of the day the run saw).
    public var dayOpenEquityQuote: FixedDecimal
    /// Held positions (including quantity already approved this hour), sorted by symbol.
    public var positions: [PositionView]
    /// Per-symbol market view for every symbol in the universe, sorted by symbol.
    public var markets: [MarketView]
    /// Pairwise 30-day return correlations, sorted by (a, b) with a < b.
    public var correlations: [CorrelationEntry]
    /// Closed trades so far, oldest first (only the most recent `Config` window is kept).
    public var closedTrades: [ClosedTrade]
    /// New entries approved in this hour so far.
    public var entriesThisHour: Int
    /// New entries approved since 00:00 UTC today, including this hour's.
    public var entriesToday: Int
    /// True while the kill switch is tripped (and not released).
    public var killSwitchTripped: Bool
    /// Why the kill switch is tripped, if it is.
    public var killSwitchReason: String?
    /// Circuit-breaker state name (`NORMAL`, `ALERT`, `THROTTLE`, `HALT`).
    public var breakerState: String
    /// Share of the universe whose bar for H is missing or invalid (0...1).
    public var missingBarShare: Double

    /// Creates a context.
    public init(
        hourTs: UTCTimestamp, freeCashQuote: FixedDecimal, equityQuote: FixedDecimal, peakEquityQuote: FixedDecimal,
        dayOpenEquityQuote: FixedDecimal, positions: [PositionView], markets: [MarketView],
        correlations: [CorrelationEntry], closedTrades: [ClosedTrade], entriesThisHour: Int,
        entriesToday: Int, killSwitchTripped: Bool, killSwitchReason: String?, breakerState: String,
        missingBarShare: Double
    ) {
        self.hourTs = hourTs
        self.freeCashQuote = freeCashQuote
        self.equityQuote = equityQuote
        self.peakEquityQuote = peakEquityQuote
        self.dayOpenEquityQuote = dayOpenEquityQuote
        self.positions = positions
        self.markets = markets
        self.correlations = correlations
        self.closedTrades = closedTrades
        self.entriesThisHour = entriesThisHour
        self.entriesToday = entriesToday
        self.killSwitchTripped = killSwitchTripped
        self.killSwitchReason = killSwitchReason
        self.breakerState = breakerState
        self.missingBarShare = missingBarShare
    }

    /// The held position in `symbol`, if any.
    public func position(_ symbol: String) -> PositionView? { positions.first { $0.symbol == symbol } }

    /// The market view of `symbol`, if it is in the universe.
    public func market(_ symbol: String) -> MarketView? { markets.first { $0.symbol == symbol } }

    /// The 30-day return correlation of two symbols, if known.
    public func correlation(_ a: String, _ b: String) -> Double? {
        let (low, high) = a < b ? (a, b) : (b, a)
        return correlations.first { $0.symbolA == low && $0.symbolB == high }?.correlation
    }

    /// Σ position value at marks.
    public var grossExposureQuote: FixedDecimal { positions.reduce(.zero) { $0 + $1.valueQuote } }

    /// Drawdown from peak equity as a fraction (0 when at or above the peak).
    public var drawdownFraction: Double {
        guard peakEquityQuote.isPositive, equityQuote < peakEquityQuote else { return 0 }
        return (peakEquityQuote - equityQuote).doubleValue / peakEquityQuote.doubleValue
    }
}
