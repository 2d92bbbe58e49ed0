/// One symbol's research feature vector at one hour: the reducer's features plus RSI(14) and the 720-hour
/// correlation and beta to BTC, in `columnNames` order. `carried_hours` > 0 flags an hour whose bar the
/// gap policy carried forward (no trading happens on it).
public struct FeatureRow: Sendable, Hashable {
    /// Open time of the hour's bar (the features use bars up to and including it).
    public var hourTs: UTCTimestamp
    public var symbol: String
    /// The reducer's regime of the symbol at the hour.
    public var regime: Regime
    /// One value per `columnNames` entry; flags are 0 or 1.
    public var values: [Double]

    /// The feature columns, snake_case, in `values` order.
    public static let columnNames = [
        "return_1h", "return_4h", "return_24h", "momentum_slope", "atr14", "atr_fraction", "realized_volatility",
        "volatility_percentile", "high_volatility", "volume_surge_ratio", "range_ratio", "breakout",
        "distance_from_mean", "beta_btc", "corr_btc", "market_breadth", "rsi14", "corr720_btc", "beta720_btc",
        "carried_hours",
    ]

    /// A row from the reducer's `features` and the extra values.
    public init(
        hourTs: UTCTimestamp, symbol: String, regime: Regime, features f: SymbolFeatures, rsi14: Double,
        correlation720: Double, beta720: Double
    ) {
        self.hourTs = hourTs
        self.symbol = symbol
        self.regime = regime
        values = [
            f.return1h, f.return4h, f.return24h, f.momentumSlope, f.atr14, f.atrFraction, f.realizedVolatility,
            f.volatilityPercentile, f.highVolatility ? 1 : 0, f.volumeSurgeRatio, f.rangeRatio, f.breakout ? 1 : 0,
            f.distanceFromMean, f.betaToBTC, f.correlationToBTC, f.marketBreadth, rsi14, correlation720, beta720,
            Double(f.carriedHours),
        ]
    }

    /// The value of column `name`.
    public func value(_ name: String) -> Double? {
        Self.columnNames.firstIndex(of: name).map { values[$0] }
    }
}
