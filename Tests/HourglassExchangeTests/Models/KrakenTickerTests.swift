import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenTickerTests {
    @Test func parsesBidAskAndLastOfTheDocumentedExample() throws {
        let tickers = try KrakenTicker.parseAll(
            try krakenResult(envelope("{\"XXBTZUSD\":\(KrakenFixtures.tickerXBT)}"), .ticker))
        #expect(tickers.count == 1)
        let ticker = tickers[0]
        #expect(ticker.askPrice == dec("30300.1"))
        #expect(ticker.bidPrice == dec("30300"))
        #expect(ticker.askVolumeBase == dec("1"))
        #expect(ticker.lastPrice == dec("30303.2"))
        #expect(ticker.volume24hBase == dec("4412.73601799"))
        #expect(ticker.spreadQuote == dec("0.1"))
    }

    @Test func refusesACrossedBook() {
        let body = envelope(#"{"P":{"a":["10","1","1"],"b":["11","1","1"],"c":["10","1"],"v":["1","1"]}}"#)
        #expect { try KrakenTicker.parseAll(try krakenResult(body, .ticker)) } throws: { error in
            "\(error)".contains("bid 11 is above ask 10")
        }
    }
}
