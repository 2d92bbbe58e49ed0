import HourglassCore

/// One `AddOrder` call: a market or limit order of a pair, tagged with its client reference.
///
/// `cl_ord_id` and `userref` are mutually exclusive in Kraken's `AddOrder`; the adapter tags orders
/// with `cl_ord_id` (unique among the account's open orders) and can filter by it when looking an
/// order up. `deadline` makes the matching engine reject the request if it arrives late, which is
/// what lets a restart prove that a request whose answer was lost will never be placed.
public struct KrakenOrderRequest: Sendable, Hashable {
    /// Market or limit.
    public enum OrderType: Sendable, Hashable {
        /// Fill now at the best available prices.
        case market
        /// Fill at `priceQuote` or better.
        case limit(priceQuote: FixedDecimal)
    }

    /// Pair key or altname (`XXBTZUSD`, `XBTUSD`).
    public var pair: String
    /// Buy or sell.
    public var side: OrderSide
    /// Market or limit.
    public var orderType: OrderType
    /// Quantity in the base asset, already rounded down to the pair's lot decimals.
    public var volumeBase: FixedDecimal
    /// The client order id sent as `cl_ord_id`, nil to send none.
    public var clientOrderId: String?
    /// The numeric `userref`, nil to send none (never together with `clientOrderId`).
    public var userReference: Int32?
    /// When the engine must reject the request if it has not reached it (RFC 3339), nil for none.
    public var deadline: UTCTimestamp?
    /// True to have Kraken validate the order without placing it (`validate=true`).
    public var validateOnly: Bool

    /// Creates a request.
    public init(
        pair: String, side: OrderSide, orderType: OrderType, volumeBase: FixedDecimal,
        clientOrderId: String? = nil, userReference: Int32? = nil, deadline: UTCTimestamp? = nil,
        validateOnly: Bool = false
    ) {
        self.pair = pair
        self.side = side
        self.orderType = orderType
        self.volumeBase = volumeBase
        self.clientOrderId = clientOrderId
        self.userReference = userReference
        self.deadline = deadline
        self.validateOnly = validateOnly
    }

    /// Creates a request tagged with a derived client reference.
    public init(
        pair: String, side: OrderSide, orderType: OrderType, volumeBase: FixedDecimal,
        reference: ClientOrderReference, deadline: UTCTimestamp? = nil, validateOnly: Bool = false
    ) {
        self.init(
            pair: pair, side: side, orderType: orderType, volumeBase: volumeBase,
            clientOrderId: reference.clientOrderId, deadline: deadline, validateOnly: validateOnly)
    }

    /// The form fields after the nonce, in the order they are sent; refuses what Kraken would refuse.
    public func formFields() throws(KrakenError) -> [(name: String, value: String)] {
        guard volumeBase.isPositive else {
            throw .invalidRequest(.addOrder, reason: "volume \(volumeBase) must be above zero")
        }
        if clientOrderId != nil && userReference != nil {
            throw .invalidRequest(.addOrder, reason: "cl_ord_id and userref are mutually exclusive")
        }
        var fields: [(name: String, value: String)] = []
        switch orderType {
        case .market: fields.append(("ordertype", "market"))
        case .limit(let price):
            guard price.isPositive else {
                throw .invalidRequest(.addOrder, reason: "limit price \(price) must be above zero")
            }
            fields.append(("ordertype", "limit"))
        }
        fields.append(("type", side == .buy ? "buy" : "sell"))
        fields.append(("volume", volumeBase.description))
        fields.append(("pair", pair))
        if case .limit(let price) = orderType { fields.append(("price", price.description)) }
        if let clientOrderId { fields.append(("cl_ord_id", clientOrderId)) }
        if let userReference { fields.append(("userref", String(userReference))) }
        if let deadline { fields.append(("deadline", deadline.iso8601)) }
        if validateOnly { fields.append(("validate", "true")) }
        return fields
    }
}
