/// What `KrakenClient.placeOrder` established about an order.
public enum KrakenPlacement: Sendable, Hashable {
    /// Kraken acknowledged this request (or only validated it, with `validate=true`).
    case placed(KrakenOrderAck)
    /// An order with this client reference already existed before anything was sent (a previous
    /// process sent it and lost the answer): nothing was sent.
    case alreadyPlaced(KrakenOrder)
    /// A request failed in a way that may have reached Kraken, and the order was found by its
    /// client reference: nothing was re-sent.
    case recovered(KrakenOrder)

    /// Kraken's transaction ids for the order (empty for a validation).
    public var txids: [String] {
        switch self {
        case .placed(let ack): return ack.txids
        case .alreadyPlaced(let order), .recovered(let order): return [order.txid]
        }
    }
}
