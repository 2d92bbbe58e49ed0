/// Buy or sell. Spot, long only: a sell can only reduce a held position.
public enum OrderSide: String, Sendable, Hashable, CaseIterable {
    case buy = "BUY"
    case sell = "SELL"
}
