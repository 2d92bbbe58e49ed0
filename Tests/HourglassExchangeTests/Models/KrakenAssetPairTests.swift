import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenAssetPairTests {
    @Test func parsesTheDocumentedRulesExactlyAndSortsByPairName() throws {
        let pairs = try KrakenAssetPair.parseAll(
            try krakenResult(envelope(KrakenFixtures.assetPairsResult), .assetPairs))
        #expect(pairs.map(\.pairName) == ["XETHZUSD", "XXBTZUSD"])
        let xbt = pairs[1]
        #expect(xbt.altname == "XBTUSD" && xbt.wsname == "XBT/USD" && xbt.symbol == "XBT/USD")
        #expect(xbt.base == "XXBT" && xbt.quote == "ZUSD")
        #expect(xbt.lotDecimals == 8 && xbt.pairDecimals == 1 && xbt.costDecimals == 5)
        #expect(xbt.orderMinBase == dec("0.0001"))
        #expect(xbt.costMinQuote == dec("0.5"))
        #expect(xbt.tickSize == dec("0.1"))
        #expect(xbt.status == "online")
        #expect(xbt.pairRule == PairRule(symbol: "XBT/USD", lotDecimals: 8, minOrderBase: dec("0.0001")))
    }

    @Test func refusesAWsnameThatIsNotBaseSlashQuote() {
        let body = envelope(
            #"{"X":{"altname":"XBTUSD","wsname":"XBTUSD","base":"XXBT","quote":"ZUSD","#
                + #""pair_decimals":1,"lot_decimals":8,"ordermin":"0.0001"}}"#)
        #expect { try KrakenAssetPair.parseAll(try krakenResult(body, .assetPairs)) } throws: { error in
            "\(error)".contains("result.X.wsname: \"XBTUSD\" is not BASE/QUOTE")
        }
    }

    @Test func refusesLotDecimalsBeyondWhatTheLedgerKeeps() {
        let body = envelope(
            #"{"X":{"altname":"A","wsname":"A/B","base":"A","quote":"B","#
                + #""pair_decimals":1,"lot_decimals":13,"ordermin":"1"}}"#)
        #expect { try KrakenAssetPair.parseAll(try krakenResult(body, .assetPairs)) } throws: { error in
            "\(error)".contains("lot_decimals: 13 decimals")
        }
    }
}
