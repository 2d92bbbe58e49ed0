/// A model's view of one symbol at hour H.
public struct Prediction: Sendable, Hashable {
    public var symbol: String
    /// Direction and strength, −1 (strong sell) … 1 (strong buy).
    public var score: Double
    /// Expected return of a long entry over the model's horizon, as a fraction of notional, before costs.
    public var expectedEdge: Double
    /// Confidence in 0...1.
    public var confidence: Double

    /// Creates a prediction.
    public init(symbol: String, score: Double, expectedEdge: Double, confidence: Double) {
        self.symbol = symbol
        self.score = score
        self.expectedEdge = expectedEdge
        self.confidence = confidence
    }
}
