import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenPairDirectoryTests {
    func directory() throws -> KrakenPairDirectory {
        KrakenPairDirectory(
            pairs: try KrakenAssetPair.parseAll(
                try krakenResult(envelope(KrakenFixtures.assetPairsResult), .assetPairs)))
    }

    @Test func mapsEngineSymbolsToKrakenPairNamesAndBack() throws {
        let names = try directory()
        #expect(names.pair(symbol: "XBT/USD")?.pairName == "XXBTZUSD")
        #expect(names.pair(krakenName: "XBTUSD")?.symbol == "XBT/USD")
        #expect(names.pair(krakenName: "XETHZUSD")?.symbol == "ETH/USD")
        #expect(names.pair(symbol: "BTC/USD") == nil)
    }

    @Test func mapsAssetCodesBothWays() throws {
        let names = try directory()
        #expect(names.engineAsset(krakenAsset: "XXBT") == "XBT")
        #expect(names.engineAsset(krakenAsset: "ZUSD") == "USD")
        #expect(names.krakenAsset(engineAsset: "ETH") == "XETH")
        #expect(names.engineAsset(krakenAsset: "ZEUR") == nil)
    }
}
