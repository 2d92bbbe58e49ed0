import HourglassCore
import Testing

/// Wilder's RSI against values worked out by hand.
@Suite struct WilderRSITests {
    /// 100, then ten rises of 1 and four falls of 1: average gain 10/14, average loss 4/14, RS 2.5.
    static let seed: [Double] = [100] + (1...10).map { 100 + Double($0) } + (1...4).map { 110 - Double($0) }

    @Test func theFirstValueUsesThePlainMeansOfTheFirstFourteenChanges() throws {
        let rsi = try #require(WilderRSI.value(closes: Self.seed))
        #expect(abs(rsi - (100 - 100 / 3.5)) < 1e-12)  // 71.428571…
    }

    @Test func laterChangesAreSmoothedWithWildersAverage() throws {
        // One more rise of 2: gain (10/14 × 13 + 2) / 14 = 158/196, loss (4/14 × 13) / 14 = 52/196.
        let rsi = try #require(WilderRSI.value(closes: Self.seed + [108]))
        #expect(abs(rsi - (100 - 100 * 52 / 210)) < 1e-12)  // 75.238095…
    }

    @Test func tooFewClosesHaveNoValueAndOneWayMarketsAreAtTheBounds() {
        #expect(WilderRSI.value(closes: Array(Self.seed.prefix(14))) == nil)
        #expect(WilderRSI.value(closes: (0..<20).map { 100 + Double($0) }) == 100)
        #expect(WilderRSI.value(closes: (0..<20).map { 100 - Double($0) }) == 0)
        #expect(WilderRSI.value(closes: [Double](repeating: 5, count: 20)) == 50)
    }
}
