/// What a model may know about the moment besides the symbol's features.
public struct SignalContext: Sendable, Hashable {
    /// The hour being decided (its bar has closed).
    public var hourTs: UTCTimestamp
    /// The symbol predicted.
    public var symbol: String
    /// The symbol's regime at H.
    public var regime: Regime

    /// Creates a context.
    public init(hourTs: UTCTimestamp, symbol: String, regime: Regime) {
        self.hourTs = hourTs
        self.symbol = symbol
        self.regime = regime
    }
}
