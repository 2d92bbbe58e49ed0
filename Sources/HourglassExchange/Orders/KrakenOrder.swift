import HourglassCore

/// An order as `QueryOrders`, `OpenOrders` and `ClosedOrders` describe it: status, what filled, at
/// what average price and fee.
public struct KrakenOrder: Sendable, Hashable {
    /// Kraken's order status.
    public enum Status: String, Sendable, Hashable {
        case pending, open, closed, canceled, expired
    }

    /// The order's transaction id (`OQCLML-BW3P3-BUCMWZ`).
    public let txid: String
    /// Status.
    public let status: Status
    /// The client order id it was placed with, if any.
    public let clientOrderId: String?
    /// The `userref` it was placed with (0 or nil when none).
    public let userReference: Int64?
    /// Pair (altname, as Kraken describes it: `XBTUSD`).
    public let pair: String
    /// Buy or sell.
    public let side: OrderSide
    /// `market`, `limit`, ….
    public let orderType: String
    /// Ordered quantity in the base asset.
    public let volumeBase: FixedDecimal
    /// Filled quantity in the base asset (partial fills show here).
    public let volumeExecutedBase: FixedDecimal
    /// Total cost of what filled, in the quote asset.
    public let costQuote: FixedDecimal
    /// Total fee, in the quote asset.
    public let feeQuote: FixedDecimal
    /// Average fill price (zero when nothing filled).
    public let averagePriceQuote: FixedDecimal
    /// When the order was opened.
    public let openedAt: UTCTimestamp
    /// When it closed, if it did.
    public let closedAt: UTCTimestamp?
    /// Ids of the trades that filled it, when Kraken was asked for them.
    public let tradeIds: [String]

    /// Creates an order.
    public init(
        txid: String, status: Status, clientOrderId: String?, userReference: Int64?, pair: String,
        side: OrderSide, orderType: String, volumeBase: FixedDecimal, volumeExecutedBase: FixedDecimal,
        costQuote: FixedDecimal, feeQuote: FixedDecimal, averagePriceQuote: FixedDecimal,
        openedAt: UTCTimestamp, closedAt: UTCTimestamp?, tradeIds: [String]
    ) {
        self.txid = txid
        self.status = status
        self.clientOrderId = clientOrderId
        self.userReference = userReference
        self.pair = pair
        self.side = side
        self.orderType = orderType
        self.volumeBase = volumeBase
        self.volumeExecutedBase = volumeExecutedBase
        self.costQuote = costQuote
        self.feeQuote = feeQuote
        self.averagePriceQuote = averagePriceQuote
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.tradeIds = tradeIds
    }

    /// True when part, but not all, of the order has filled.
    public var isPartiallyFilled: Bool { volumeExecutedBase.isPositive && volumeExecutedBase < volumeBase }

    /// Parses a `{txid: order, …}` object, sorted by txid.
    public static func parseAll(_ orders: KrakenJSON) throws(KrakenError) -> [KrakenOrder] {
        var parsed: [KrakenOrder] = []
        for (txid, entry) in try orders.sortedMembers() { parsed.append(try parse(txid: txid, entry)) }
        return parsed
    }

    /// Parses one order entry.
    public static func parse(txid: String, _ entry: KrakenJSON) throws(KrakenError) -> KrakenOrder {
        let statusText = try entry.member("status").string()
        guard let status = Status(rawValue: statusText) else {
            throw try entry.member("status").malformed("unknown order status \"\(statusText)\"")
        }
        let descr = try entry.member("descr")
        let sideText = try descr.member("type").string()
        guard let side: OrderSide = sideText == "buy" ? .buy : (sideText == "sell" ? .sell : nil) else {
            throw try descr.member("type").malformed("\"\(sideText)\" is neither buy nor sell")
        }
        var tradeIds: [String] = []
        if let trades = try entry.optionalMember("trades") {
            for element in try trades.array() { tradeIds.append(try element.string()) }
        }
        let closedAt = try entry.optionalMember("closetm")?.unixSeconds()
        return KrakenOrder(
            txid: txid, status: status, clientOrderId: try entry.optionalMember("cl_ord_id")?.string(),
            userReference: try entry.optionalMember("userref")?.int(), pair: try descr.member("pair").string(),
            side: side, orderType: try descr.member("ordertype").string(),
            volumeBase: try entry.member("vol").decimal(),
            volumeExecutedBase: try entry.member("vol_exec").decimal(), costQuote: try entry.member("cost").decimal(),
            feeQuote: try entry.member("fee").decimal(), averagePriceQuote: try entry.member("price").decimal(),
            openedAt: try entry.member("opentm").unixSeconds(), closedAt: closedAt, tradeIds: tradeIds)
    }
}
