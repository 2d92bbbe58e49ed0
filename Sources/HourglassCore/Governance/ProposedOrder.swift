/// An order the strategy or an exit wants to place, before governance judges it.
public struct ProposedOrder: Sendable, Hashable {
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// Buy (entry or add) or sell (exit or reduce).
    public var side: OrderSide
    /// Requested quantity in the base asset, already rounded down to the pair's lot decimals.
    public var quantityBase: FixedDecimal
    /// The last price the decision could see (close of hour H), in quote currency.
    public var referencePriceQuote: FixedDecimal
    /// True for exits (sells that reduce risk): entry rules never block them.
    public var isExit: Bool
    /// Expected edge of the trade as a fraction of notional (e.g. 0.012 = 1.2%), from the model.
    public var expectedEdge: Double
    /// Model confidence in 0...1.
    public var confidence: Double
    /// Stop distance as a fraction of the reference price (from ATR), used by sizing; 0 for exits.
    public var stopDistanceFraction: Double
    /// Why the order is proposed (`signal:momentum`, `exit:stop_loss`, ...).
    public var reason: String

    /// Creates a proposed order.
    public init(
        symbol: String, side: OrderSide, quantityBase: FixedDecimal, referencePriceQuote: FixedDecimal,
        isExit: Bool, expectedEdge: Double, confidence: Double, stopDistanceFraction: Double, reason: String
    ) {
        self.symbol = symbol
        self.side = side
        self.quantityBase = quantityBase
        self.referencePriceQuote = referencePriceQuote
        self.isExit = isExit
        self.expectedEdge = expectedEdge
        self.confidence = confidence
        self.stopDistanceFraction = stopDistanceFraction
        self.reason = reason
    }

    /// Quantity × reference price, rounded up (conservative for cash checks).
    public var notionalQuote: FixedDecimal { quantityBase.multiplied(by: referencePriceQuote, rounding: .up) }
}
