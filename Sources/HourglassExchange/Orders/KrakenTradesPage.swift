import HourglassCore

/// One page of `TradesHistory`: trades sorted by (time, id), and Kraken's total `count`.
public struct KrakenTradesPage: Sendable, Hashable {
    /// The trades of this page, oldest first (ties by id).
    public let trades: [KrakenTrade]
    /// How many trades match the query in all pages.
    public let totalCount: Int64

    /// Creates a page.
    public init(trades: [KrakenTrade], totalCount: Int64) {
        self.trades = trades
        self.totalCount = totalCount
    }

    /// Parses `{"trades": {id: trade, …}, "count": N}`.
    public static func parse(_ result: KrakenJSON) throws(KrakenError) -> KrakenTradesPage {
        var trades: [KrakenTrade] = []
        for (id, entry) in try result.member("trades").sortedMembers() {
            trades.append(try KrakenTrade.parse(tradeId: id, entry))
        }
        trades.sort { ($0.executedAt, $0.tradeId) < ($1.executedAt, $1.tradeId) }
        return KrakenTradesPage(trades: trades, totalCount: try result.member("count").int())
    }
}
