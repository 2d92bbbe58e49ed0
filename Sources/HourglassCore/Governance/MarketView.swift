/// One symbol's market state at the close of H, as rules see it.
public struct MarketView: Sendable, Hashable {
    public var symbol: String
    /// False when the bar of H is missing, stale or invalid.
    public var barValid: Bool
    /// Why the bar is not valid, if it is not.
    public var barProblem: String?
    /// Close of H (the last price the decision could see), if any.
    public var lastPriceQuote: FixedDecimal?
    /// Number of consecutive valid hourly bars ending at H (history available to features).
    public var historyBars: Int
    /// Feature values of H (nil when there is not enough history).
    public var features: SymbolFeatures?
    /// Regime label of the symbol at H (`trend`, `range`, `high_vol`, `crash`, `unknown`).
    public var regime: Regime
    /// Quantity lot: order quantities round down to this many decimals.
    public var lotDecimals: Int
    /// Smallest order quantity the exchange accepts, in the base asset.
    public var minOrderBase: FixedDecimal
    /// Last hour a position in this symbol was closed, if ever.
    public var lastExitTs: UTCTimestamp?
    /// Last hour a stop loss closed a position in this symbol, if ever.
    public var lastStopOutTs: UTCTimestamp?
    /// The recorded ticker's relative spread ÷ the 30-day median hourly range (PAPER/LIVE with a
    /// ticker); nil when no ticker was recorded, so `spread_anomaly` uses the high−low proxy.
    public var tickerSpreadRatio: Double?

    public init(
        symbol: String, barValid: Bool, barProblem: String?, lastPriceQuote: FixedDecimal?, historyBars: Int,
        features: SymbolFeatures?, regime: Regime, lotDecimals: Int, minOrderBase: FixedDecimal,
        lastExitTs: UTCTimestamp?, lastStopOutTs: UTCTimestamp?, tickerSpreadRatio: Double? = nil
    ) {
        self.tickerSpreadRatio = tickerSpreadRatio
        self.symbol = symbol
        self.barValid = barValid
        self.barProblem = barProblem
        self.lastPriceQuote = lastPriceQuote
        self.historyBars = historyBars
        self.features = features
        self.regime = regime
        self.lotDecimals = lotDecimals
        self.minOrderBase = minOrderBase
        self.lastExitTs = lastExitTs
        self.lastStopOutTs = lastStopOutTs
    }
}
