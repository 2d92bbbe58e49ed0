/// Translates between the engine's names (`XBT/USD`, `XBT`, `USD`) and Kraken's (`XXBTZUSD`,
/// `XBTUSD`, `XXBT`, `ZUSD`), from an `AssetPairs` answer.
///
/// The engine's symbol is Kraken's `wsname`; its asset names are the two halves of it. Kraken
/// files OHLC and Ticker answers under the pair key and orders under the altname; balances use
/// the asset codes (`base`, `quote`). Lookups search sorted arrays, so no hash order leaks.
public struct KrakenPairDirectory: Sendable, Hashable {
    /// The pairs, sorted by pair key.
    public let pairs: [KrakenAssetPair]

    /// Creates a directory from `AssetPairs`.
    public init(pairs: [KrakenAssetPair]) {
        self.pairs = pairs.sorted { Array($0.pairName.utf8).lexicographicallyPrecedes(Array($1.pairName.utf8)) }
    }

    /// The pair whose engine symbol is `symbol` (`XBT/USD`).
    public func pair(symbol: String) -> KrakenAssetPair? { pairs.first { $0.wsname == symbol } }

    /// The pair Kraken names `name`: its key (`XXBTZUSD`) or its altname (`XBTUSD`).
    public func pair(krakenName name: String) -> KrakenAssetPair? {
        pairs.first { $0.pairName == name || $0.altname == name }
    }

    /// The engine's name of a Kraken asset code (`XXBT` → `XBT`, `ZUSD` → `USD`), nil when no pair uses it.
    public func engineAsset(krakenAsset code: String) -> String? {
        for pair in pairs {
            let halves = pair.wsname.split(separator: "/").map(String.init)
            if pair.base == code { return halves[0] }
            if pair.quote == code { return halves[1] }
        }
        return nil
    }

    /// Kraken's code of an engine asset (`XBT` → `XXBT`), nil when no pair uses it.
    public func krakenAsset(engineAsset name: String) -> String? {
        for pair in pairs {
            let halves = pair.wsname.split(separator: "/").map(String.init)
            if halves[0] == name { return pair.base }
            if halves[1] == name { return pair.quote }
        }
        return nil
    }
}
