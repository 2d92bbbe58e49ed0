import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenClientMarketDataTests {
    static let start: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z

    static func candle(_ hour: Int64, _ price: Int) -> [String] {
        [
            String(start + hour * 3600), "\(price)", "\(price + 2)", "\(price - 1)", "\(price + 1)", "\(price)", "1.5",
            "7",
        ]
    }

    @Test func theServerClockDecidesTheTime() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setClock(Self.start + 5 * 3600 + 42)
        let time = try await harness.client.serverTime()
        #expect(time.now.secondsSinceEpoch == Self.start + 5 * 3600 + 42)
        #expect(time.lastClosedHour.secondsSinceEpoch == Self.start + 4 * 3600)
    }

    @Test func pagesOHLCWithSinceDropsTheUnfinishedCandleAndLeavesGaps() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        let hours: [Int64] = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]  // hour 5 has no bar; hour 10 is unfinished
        harness.server.setCandles("XXBTZUSD", hours.map { Self.candle($0, 100 + Int($0)) })
        harness.server.setOHLCPageSize(4)
        harness.server.setClock(Self.start + 10 * 3600 + 1800)
        let pair = try #require(try await harness.client.assetPairs(["XXBTZUSD"]).first { $0.pairName == "XXBTZUSD" })
        let time = try await harness.client.serverTime()
        let bars = try await harness.client.closedHourlyBars(pair: pair, after: nil, serverTime: time)
        #expect(bars.map { ($0.openTs.secondsSinceEpoch - Self.start) / 3600 } == [0, 1, 2, 3, 4, 6, 7, 8, 9])
        #expect(bars.allSatisfy { $0.symbol == "XBT/USD" && $0.violation == nil })
        #expect(bars[0].closePrice == FixedDecimal(101))
        let sinces = harness.server.seen.filter { $0.path == KrakenEndpoint.ohlc.path }.map { $0.form.value("since") }
        #expect(sinces == [nil, String(Self.start + 3 * 3600), String(Self.start + 8 * 3600)])
    }

    @Test func catchUpAfterAnHourReturnsOnlyLaterClosedBars() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setCandles("XXBTZUSD", (0...3).map { Self.candle($0, 200) })
        harness.server.setClock(Self.start + 3 * 3600 + 5)
        let pair = try #require(try await harness.client.assetPairs().first { $0.symbol == "XBT/USD" })
        let bars = try await harness.client.closedHourlyBars(
            pair: pair, after: UTCTimestamp(secondsSinceEpoch: Self.start),
            serverTime: try await harness.client.serverTime())
        #expect(bars.map(\.openTs.secondsSinceEpoch) == [Self.start + 3600, Self.start + 7200])
        #expect(harness.server.count(.ohlc) == 1)
    }

    @Test func readsPairRulesAndTickers() async throws {
        let harness = try ClientHarness(withCredentials: false)
        defer { harness.finish() }
        let pairs = try await harness.client.assetPairs()
        #expect(pairs.map(\.symbol) == ["ETH/USD", "XBT/USD"])
        let tickers = try await harness.client.tickers(["XBTUSD", "ETHUSD"])
        #expect(tickers.map(\.pairName) == ["XETHZUSD", "XXBTZUSD"])
        #expect(tickers[1].bidPrice == dec("30300"))
        #expect(
            harness.server.seen.first { $0.path == KrakenEndpoint.ticker.path }?.form.value("pair") == "XBTUSD,ETHUSD")
    }

    @Test func anUnknownPairIsNotRetried() async throws {
        let harness = try ClientHarness(withCredentials: false)
        defer { harness.finish() }
        await #expect(throws: KrakenError.api(.ticker, [KrakenAPIError("EQuery:Unknown asset pair")])) {
            try await harness.client.tickers(["NOPE"])
        }
        #expect(harness.server.count(.ticker) == 1 && harness.sleeper.delays.isEmpty)
    }
}
