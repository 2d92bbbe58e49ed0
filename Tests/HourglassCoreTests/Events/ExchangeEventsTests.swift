import HourglassCore
import Testing

@Suite struct ExchangeEventsTests {
    let hour = UTCTimestamp(secondsSinceEpoch: 1_609_459_200)

    @Test func unsortedRulesAndBalancesAreRefusedWhenDecoded() throws {
        let d = { (text: String) in try! FixedDecimal.parse(text) }
        var writer = ByteWriter()
        writer.write(byte: 1)
        writer.write(timestamp: hour)
        writer.write(timestamp: hour)
        writer.write(array: [("XBT", d("1")), ("USD", d("2"))]) { writer, item in
            writer.write(string: item.0)
            writer.write(decimal: item.1)
        }
        #expect(throws: CodecError.self) { try BalancesRecorded.decode(canonical: writer.bytes) }
    }

    @Test func backtestInputsHaveNoExchangeEvents() {
        let inputs = HourInputs(hourTs: hour, bars: [])
        #expect(inputs.exchange.isEmpty)
        #expect(inputs.events.isEmpty)
    }

    @Test func exchangeInputsComeAfterBarsAndReleasesInManifestOrder() {
        let samples = exchangeEventSamples(hour: hour)
        var exchange = ExchangeInputs()
        for sample in samples.reversed() {
            switch sample {
            case .pairRulesRecorded(let e): exchange.pairRules = e
            case .tickerRecorded(let e): exchange.tickers.append(e)
            case .exchangeOrderAcknowledged(let e): exchange.acknowledgements.append(e)
            case .exchangeFillRecorded(let e): exchange.fills.append(e)
            case .balancesRecorded(let e): exchange.balances = e
            case .exchangeAlarmRaised(let e): exchange.alarms.append(e)
            default: Issue.record("not an exchange event: \(sample.eventType)")
            }
        }
        let release = KillSwitchReleased(releasedBy: "ops", reason: "ok")
        let inputs = HourInputs(hourTs: hour, bars: [], releases: [release], exchange: exchange)
        #expect(inputs.events.map(\.eventType) == [.killSwitchReleased] + samples.map(\.eventType))
    }

    @Test func tickerRelativeSpreadIsAskMinusBidOverMid() throws {
        let ticker = TickerRecorded(
            hourTs: hour, symbol: "XBT/USD", observedTs: hour, bidPriceQuote: try .parse("99"),
            askPriceQuote: try .parse("101"))
        #expect(ticker.relativeSpread == 0.02)
    }
}
