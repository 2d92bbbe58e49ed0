import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenOHLCPageTests {
    @Test func dropsTheUnfinishedLastEntryAndKeepsPricesExact() throws {
        let page = try KrakenOHLCPage.parse(try krakenResult(KrakenFixtures.ohlc, .ohlc), intervalSeconds: 3600)
        #expect(page.pairName == "XXBTZUSD")
        #expect(page.committed.map(\.openTs.secondsSinceEpoch) == [1_688_662_800, 1_688_666_400, 1_688_670_000])
        #expect(page.uncommitted.openTs.secondsSinceEpoch == 1_688_673_600)
        #expect(page.last == 1_688_670_000)
        let first = page.committed[0]
        #expect(first.openPrice == dec("30306.1"))
        #expect(first.volumeBase == dec("3.39243896"))
        #expect(first.tradeCount == 23)
        let bar = first.bar(symbol: "XBT/USD", intervalSeconds: 3600)
        #expect(bar.symbol == "XBT/USD" && bar.exchange == "kraken" && bar.violation == nil)
    }

    @Test func gapsStayGaps() throws {
        let body = envelope(
            #"{"XXBTZUSD":[[3600,"1","2","1","2","1.5","1",1],[14400,"2","3","2","3","2.5","1",1],"#
                + #"[18000,"3","3","3","3","3","0",0]],"last":14400}"#)
        let page = try KrakenOHLCPage.parse(try krakenResult(body, .ohlc), intervalSeconds: 3600)
        #expect(page.committed.map(\.openTs.secondsSinceEpoch) == [3600, 14_400])
    }

    @Test func refusesAnInvalidBarNamingTheEntry() {
        let body = envelope(
            #"{"XXBTZUSD":[[3600,"1","0.5","1","2","1.5","1",1],[7200,"2","2","2","2","2","0",0]],"last":3600}"#)
        #expect {
            try KrakenOHLCPage.parse(try krakenResult(body, .ohlc), intervalSeconds: 3600)
        } throws: { error in
            "\(error)".contains("result.XXBTZUSD[0]: not a valid bar: high")
        }
    }

    @Test func refusesEntriesOutOfOrderAndAnEmptyArray() {
        let unordered = envelope(
            #"{"XXBTZUSD":[[7200,"1","1","1","1","1","1",1],[3600,"1","1","1","1","1","1",1]],"last":1}"#)
        #expect { try KrakenOHLCPage.parse(try krakenResult(unordered, .ohlc), intervalSeconds: 3600) } throws: {
            error in
            "\(error)".contains("does not follow")
        }
        #expect {
            try KrakenOHLCPage.parse(
                try krakenResult(envelope(#"{"XXBTZUSD":[],"last":1}"#), .ohlc),
                intervalSeconds: 3600)
        } throws: { error in
            "\(error)".contains("not-yet-committed")
        }
    }
}
