import HourglassCore

/// One pair's `Ticker` entry: best bid and ask with their lot volumes, and the last trade.
///
/// Kraken's fields: `a` = ask `[price, whole lot volume, lot volume]`, `b` = bid (same), `c` = last
/// trade `[price, lot volume]`, `v` volume `[today, 24 h]`, `p` VWAP, `t` trade count, `l`/`h` low
/// and high, `o` today's opening price. Only what the engine records is kept.
public struct KrakenTicker: Sendable, Hashable {
    /// The pair key (`XXBTZUSD`).
    public let pairName: String
    /// Best ask price.
    public let askPrice: FixedDecimal
    /// Volume at the best ask (lot volume).
    public let askVolumeBase: FixedDecimal
    /// Best bid price.
    public let bidPrice: FixedDecimal
    /// Volume at the best bid (lot volume).
    public let bidVolumeBase: FixedDecimal
    /// Last trade price.
    public let lastPrice: FixedDecimal
    /// Volume of the last 24 hours, in the base asset.
    public let volume24hBase: FixedDecimal

    /// Creates a ticker.
    public init(
        pairName: String, askPrice: FixedDecimal, askVolumeBase: FixedDecimal, bidPrice: FixedDecimal,
        bidVolumeBase: FixedDecimal, lastPrice: FixedDecimal, volume24hBase: FixedDecimal
    ) {
        self.pairName = pairName
        self.askPrice = askPrice
        self.askVolumeBase = askVolumeBase
        self.bidPrice = bidPrice
        self.bidVolumeBase = bidVolumeBase
        self.lastPrice = lastPrice
        self.volume24hBase = volume24hBase
    }

    /// Ask minus bid.
    public var spreadQuote: FixedDecimal { askPrice - bidPrice }

    /// Parses the `Ticker` result, sorted by pair name.
    public static func parseAll(_ result: KrakenJSON) throws(KrakenError) -> [KrakenTicker] {
        var tickers: [KrakenTicker] = []
        for (name, entry) in try result.sortedMembers() { tickers.append(try parse(name: name, entry)) }
        return tickers
    }

    /// Parses one pair's entry; refuses a crossed book (bid above ask) and non-positive prices.
    public static func parse(name: String, _ entry: KrakenJSON) throws(KrakenError) -> KrakenTicker {
        let ask = try entry.member("a").array()
        let bid = try entry.member("b").array()
        let last = try entry.member("c").array()
        let volume = try entry.member("v").array()
        guard ask.count == 3 else {
            throw try entry.member("a").malformed("expected [price, whole lot volume, lot volume]")
        }
        guard bid.count == 3 else {
            throw try entry.member("b").malformed("expected [price, whole lot volume, lot volume]")
        }
        guard last.count == 2 else { throw try entry.member("c").malformed("expected [price, lot volume]") }
        guard volume.count == 2 else { throw try entry.member("v").malformed("expected [today, last 24 hours]") }
        let ticker = KrakenTicker(
            pairName: name, askPrice: try ask[0].decimal(), askVolumeBase: try ask[2].decimal(),
            bidPrice: try bid[0].decimal(), bidVolumeBase: try bid[2].decimal(),
            lastPrice: try last[0].decimal(), volume24hBase: try volume[1].decimal())
        guard ticker.askPrice.isPositive, ticker.bidPrice.isPositive else {
            throw entry.malformed("bid \(ticker.bidPrice) and ask \(ticker.askPrice) must be above zero")
        }
        guard ticker.bidPrice <= ticker.askPrice else {
            throw entry.malformed("bid \(ticker.bidPrice) is above ask \(ticker.askPrice)")
        }
        return ticker
    }
}
