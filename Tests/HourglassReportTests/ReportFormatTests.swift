import HourglassCore
import HourglassReport
import Testing

@Suite struct ReportFormatTests {
    @Test func fixedDecimalsRoundHalfAwayFromZeroWithoutLocale() {
        #expect(ReportFormat.fixed(1.005, decimals: 1) == "1.0")
        #expect(ReportFormat.fixed(2.5, decimals: 0) == "3")
        #expect(ReportFormat.fixed(-0.125, decimals: 2) == "−0.13")
        #expect(ReportFormat.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(ReportFormat.fixed(1234567.891, decimals: 2, grouped: true) == "1,234,567.89")
        #expect(ReportFormat.percent(0.12345) == "12.35%")
    }

    @Test func moneyIsExactAndGrouped() {
        #expect(ReportFormat.money(FixedDecimal.parseForTest("10234.566")) == "10,234.57")
        #expect(ReportFormat.money(FixedDecimal.parseForTest("-999.994")) == "−999.99")
        #expect(ReportFormat.money(FixedDecimal.parseForTest("100")) == "100.00")
    }

    @Test func datesAreUTCISO8601() {
        let ts = UTCTimestamp.parse("2022-03-05T14:00:00Z")!
        #expect(ReportFormat.hour(ts) == "2022-03-05T14:00:00Z")
        #expect(ReportFormat.hourShort(ts) == "2022-03-05 14:00")
        #expect(ReportFormat.day(ts) == "2022-03-05")
    }

    @Test func periodsJoinConsecutiveHoursWithTheSameReason() {
        let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
        let flagged: [(hourTs: UTCTimestamp, reason: String)] = [
            (start.adding(hours: 3), "a"), (start, "a"), (start.adding(hours: 1), "a"), (start.adding(hours: 2), "b"),
        ]
        let periods = ReportPeriod.spans(kind: .killSwitch, flagged: flagged)
        #expect(periods.map(\.reason) == ["a", "b", "a"])
        #expect(periods[0].lastHourTs == start.adding(hours: 1))
    }
}

extension FixedDecimal {
    static func parseForTest(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text) }
}
