/// The features of every universe symbol at one hour, plus the cross-sectional values.
public struct FeatureSet: Sendable, Hashable {
    /// One symbol's features (nil without enough contiguous history) and regime.
    public struct Entry: Sendable, Hashable {
        public var symbol: String
        public var features: SymbolFeatures?
        public var regime: Regime
        /// Contiguous valid bars ending at the hour (0 when the hour's bar is missing).
        public var historyBars: Int
    }

    /// The hour the features describe.
    public var hourTs: UTCTimestamp
    /// Every universe symbol, sorted by symbol.
    public var entries: [Entry]
    /// Pairwise return correlations of symbols with features, sorted by (a, b), a < b.
    public var correlations: [CorrelationEntry]
    /// Share of symbols (with enough bars) whose close is above their rolling mean.
    public var marketBreadth: Double

    /// The entry of `symbol`.
    public func entry(_ symbol: String) -> Entry? { entries.first { $0.symbol == symbol } }
}
