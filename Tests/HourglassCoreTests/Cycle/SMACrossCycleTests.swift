import HourglassCore
import Testing

/// The reference configuration (docs/examples/sma-cross-reference.json) through the cycle on real
/// Kraken XBT/USD bars with no gap: orders exactly at the crosses, fills at the next open.
@Suite struct SMACrossCycleTests {
    @Test func tradesExactlyAtTheCrossesAndFillsAtTheNextOpen() throws {
        let config = try StrategyConfigTests.referenceConfig()
        let start = KrakenTestBars.ts("2021-07-23T14:00:00Z")
        let end = KrakenTestBars.ts("2021-11-30T23:00:00Z")
        let hours = KrakenTestBars.hours(from: start, to: end, symbols: ["XBT/USD"])
        let bars = hours.map { $0.bars[0] }
        #expect(bars.count == hours.count, "the premise: no XBT/USD bar is missing in the window")
        let run = CycleRun(hours: hours, config: config)
        #expect(run.violations.isEmpty, "\(run.violations.prefix(3))")

        // The rule, computed here from the closes alone.
        var expected: [(side: OrderSide, decided: UTCTimestamp)] = []
        var flat = true
        var closes: [Double] = []
        for bar in bars.dropLast() {
            closes.append(bar.closePrice.doubleValue)
            let cross = SMACrossSignal.cross(closes: closes, settings: config.strategy.smaCross)
            if flat, cross == 1 {
                expected.append((.buy, bar.openTs))
                flat = false
            } else if !flat, cross == -1 {
                expected.append((.sell, bar.openTs))
                flat = true
            }
        }
        let fills = run.hourEvents.joined().compactMap { event -> OrderFilled? in
            if case .orderFilled(let fill) = event { return fill } else { return nil }
        }
        #expect(expected.count >= 4, "the premise: the window has several crosses")
        #expect(fills.map(\.side) == expected.map(\.side))
        #expect(fills.map(\.decidedHourTs) == expected.map(\.decided))
        for fill in fills {
            let next = try #require(bars.first { $0.openTs == fill.fillHourTs })
            #expect(fill.fillHourTs == fill.decidedHourTs.adding(hours: 1))
            #expect(fill.fillPriceQuote == next.openPrice && fill.slippageFraction.isZero)
            #expect(fill.feeQuote >= fill.notionalQuote.multiplied(by: config.feeRate, rounding: .down))
            #expect(
                fill.feeQuote - fill.notionalQuote.multiplied(by: config.feeRate, rounding: .down)
                    < (try FixedDecimal.parse("0.0001")))
        }
        let firstBuy = try #require(fills.first)
        let decidedClose = try #require(bars.first { $0.openTs == firstBuy.decidedHourTs }).closePrice
        let sized = config.initialCashQuote.multiplied(by: try FixedDecimal.parse("0.95"), rounding: .down)
            .divided(by: decidedClose, rounding: .down).rounded(decimals: 8, .down)
        #expect(firstBuy.quantityBase == sized)
        let exits = run.hourEvents.joined().compactMap { event -> ExitTriggered? in
            if case .exitTriggered(let exit) = event { return exit } else { return nil }
        }
        #expect(!exits.isEmpty && exits.allSatisfy { $0.reason == "signal" })
    }
}
