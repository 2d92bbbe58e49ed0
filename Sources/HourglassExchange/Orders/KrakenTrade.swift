import HourglassCore

/// One fill from `TradesHistory`: which order, what quantity at what price, and the fee.
public struct KrakenTrade: Sendable, Hashable {
    /// The trade id (`THVRQM-33VKH-UCI7BS`).
    public let tradeId: String
    /// The order it filled.
    public let orderTxid: String
    /// Pair key (`XXBTZUSD`).
    public let pair: String
    /// When it executed (whole seconds).
    public let executedAt: UTCTimestamp
    /// Buy or sell.
    public let side: OrderSide
    /// Fill price.
    public let priceQuote: FixedDecimal
    /// Quantity in the base asset.
    public let volumeBase: FixedDecimal
    /// Price × volume in the quote asset.
    public let costQuote: FixedDecimal
    /// Fee in the quote asset.
    public let feeQuote: FixedDecimal

    /// Creates a trade.
    public init(
        tradeId: String, orderTxid: String, pair: String, executedAt: UTCTimestamp, side: OrderSide,
        priceQuote: FixedDecimal, volumeBase: FixedDecimal, costQuote: FixedDecimal, feeQuote: FixedDecimal
    ) {
        self.tradeId = tradeId
        self.orderTxid = orderTxid
        self.pair = pair
        self.executedAt = executedAt
        self.side = side
        self.priceQuote = priceQuote
        self.volumeBase = volumeBase
        self.costQuote = costQuote
        self.feeQuote = feeQuote
    }

    /// Parses one entry of `TradesHistory`'s `trades` object.
    public static func parse(tradeId: String, _ entry: KrakenJSON) throws(KrakenError) -> KrakenTrade {
        let sideText = try entry.member("type").string()
        guard let side: OrderSide = sideText == "buy" ? .buy : (sideText == "sell" ? .sell : nil) else {
            throw try entry.member("type").malformed("\"\(sideText)\" is neither buy nor sell")
        }
        return KrakenTrade(
            tradeId: tradeId, orderTxid: try entry.member("ordertxid").string(),
            pair: try entry.member("pair").string(), executedAt: try entry.member("time").unixSeconds(),
            side: side, priceQuote: try entry.member("price").decimal(),
            volumeBase: try entry.member("vol").decimal(), costQuote: try entry.member("cost").decimal(),
            feeQuote: try entry.member("fee").decimal())
    }
}
