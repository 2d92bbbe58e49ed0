import HourglassCore

/// One tradable pair from `AssetPairs`: its names and the trading rules orders must respect.
public struct KrakenAssetPair: Sendable, Hashable {
    /// The key Kraken files the pair under (`XXBTZUSD`): the name in OHLC and Ticker answers.
    public let pairName: String
    /// The alternative name (`XBTUSD`).
    public let altname: String
    /// The WebSocket name (`XBT/USD`), which is the engine's symbol.
    public let wsname: String
    /// Kraken's base asset code (`XXBT`).
    public let base: String
    /// Kraken's quote asset code (`ZUSD`).
    public let quote: String
    /// Decimals of prices (`pair_decimals`).
    public let pairDecimals: Int
    /// Decimals of the quantity (`lot_decimals`).
    public let lotDecimals: Int
    /// Decimals of the cost (`cost_decimals`), when given.
    public let costDecimals: Int?
    /// Smallest order quantity in the base asset (`ordermin`).
    public let orderMinBase: FixedDecimal
    /// Smallest order cost in the quote asset (`costmin`), when given.
    public let costMinQuote: FixedDecimal?
    /// Smallest price step (`tick_size`), when given.
    public let tickSize: FixedDecimal?
    /// Trading status (`online`, `cancel_only`, `post_only`, `limit_only`, `reduce_only`), when given.
    public let status: String?

    /// Creates a pair.
    public init(
        pairName: String, altname: String, wsname: String, base: String, quote: String, pairDecimals: Int,
        lotDecimals: Int, costDecimals: Int?, orderMinBase: FixedDecimal, costMinQuote: FixedDecimal?,
        tickSize: FixedDecimal?, status: String?
    ) {
        self.pairName = pairName
        self.altname = altname
        self.wsname = wsname
        self.base = base
        self.quote = quote
        self.pairDecimals = pairDecimals
        self.lotDecimals = lotDecimals
        self.costDecimals = costDecimals
        self.orderMinBase = orderMinBase
        self.costMinQuote = costMinQuote
        self.tickSize = tickSize
        self.status = status
    }

    /// The engine's symbol (`XBT/USD`).
    public var symbol: String { wsname }

    /// The engine's pair rule (lot decimals and minimum order), for recording as an input event.
    public var pairRule: PairRule { PairRule(symbol: symbol, lotDecimals: lotDecimals, minOrderBase: orderMinBase) }

    /// Parses the `AssetPairs` result, sorted by pair name.
    public static func parseAll(_ result: KrakenJSON) throws(KrakenError) -> [KrakenAssetPair] {
        var pairs: [KrakenAssetPair] = []
        for (name, entry) in try result.sortedMembers() { pairs.append(try parse(name: name, entry)) }
        return pairs
    }

    /// Parses one entry of the `AssetPairs` result.
    public static func parse(name: String, _ entry: KrakenJSON) throws(KrakenError) -> KrakenAssetPair {
        let wsname = try entry.member("wsname").string()
        guard wsname.split(separator: "/").count == 2 else {
            throw try entry.member("wsname").malformed("\"\(wsname)\" is not BASE/QUOTE")
        }
        return KrakenAssetPair(
            pairName: name, altname: try entry.member("altname").string(), wsname: wsname,
            base: try entry.member("base").string(), quote: try entry.member("quote").string(),
            pairDecimals: try decimals(entry.member("pair_decimals")),
            lotDecimals: try decimals(entry.member("lot_decimals")),
            costDecimals: try entry.optionalMember("cost_decimals").map { field throws(KrakenError) in
                try decimals(field)
            },
            orderMinBase: try entry.member("ordermin").decimal(),
            costMinQuote: try entry.optionalMember("costmin")?.decimal(),
            tickSize: try entry.optionalMember("tick_size")?.decimal(),
            status: try entry.optionalMember("status")?.string())
    }

    private static func decimals(_ field: KrakenJSON) throws(KrakenError) -> Int {
        let value = try field.int()
        guard value >= 0, value <= Int64(FixedDecimal.scaleDigits) else {
            throw field.malformed("\(value) decimals is outside 0...\(FixedDecimal.scaleDigits)")
        }
        return Int(value)
    }
}
