import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenServerTimeTests {
    @Test func parsesTheDocumentedExample() throws {
        let time = try KrakenServerTime.parse(try krakenResult(KrakenFixtures.time, .time))
        #expect(time.now == UTCTimestamp(secondsSinceEpoch: 1_688_669_448))
    }

    @Test func theLastClosedHourIsTheOneBeforeTheCurrentHour() {
        let onTheHour = KrakenServerTime(now: UTCTimestamp.parse("2026-03-01T10:00:00Z")!)
        #expect(onTheHour.lastClosedHour == UTCTimestamp.parse("2026-03-01T09:00:00Z")!)
        let justBefore = KrakenServerTime(now: UTCTimestamp.parse("2026-03-01T09:59:59Z")!)
        #expect(justBefore.lastClosedHour == UTCTimestamp.parse("2026-03-01T08:00:00Z")!)
    }
}
