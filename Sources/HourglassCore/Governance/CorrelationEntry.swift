/// The correlation of two symbols' hourly returns over the last 30 days.
public struct CorrelationEntry: Sendable, Hashable {
    /// The lexically smaller symbol.
    public var symbolA: String
    /// The lexically larger symbol.
    public var symbolB: String
    public var correlation: Double

    public init(symbolA: String, symbolB: String, correlation: Double) {
        self.symbolA = symbolA
        self.symbolB = symbolB
        self.correlation = correlation
    }
}
