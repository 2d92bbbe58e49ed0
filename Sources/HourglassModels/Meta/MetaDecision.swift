/// The meta-learner's verdict on one symbol-hour: its probability, the edge net of costs, and whether to trade.
public struct MetaDecision: Sendable, Hashable {
    /// Probability that a long entry now reaches its upper barrier and beats the fees.
    public var probability: Double
    /// Expected return of the entry after the round-trip fee, as a fraction of notional.
    public var expectedEdgeNet: Double
    /// True only when both the probability and the net edge clear their hurdles.
    public var trade: Bool
}
