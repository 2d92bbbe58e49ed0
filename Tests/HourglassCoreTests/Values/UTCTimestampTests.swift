import Foundation
import Testing

@testable import HourglassCore

@Suite("UTCTimestamp")
struct UTCTimestampTests {
    @Test func knownInstants() {
        #expect(UTCTimestamp(secondsSinceEpoch: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp(secondsSinceEpoch: 1_767_225_600).iso8601 == "2026-01-01T00:00:00Z")
        #expect(UTCTimestamp(secondsSinceEpoch: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp(secondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59Z")
        #expect(UTCTimestamp(secondsSinceEpoch: 1_381_093_200).description == "2013-10-06T21:00:00Z")
        #expect(UTCTimestamp.parse("2026-01-01T00:00:00Z")?.secondsSinceEpoch == 1_767_225_600)
    }

    /// Steps a naive calendar one day at a time from 1600 to 2500 and checks the civil-day
    /// arithmetic on every day, and the text round trip on many of them.
    @Test func civilCalendarMatchesDayByDayCount() throws {
        var (year, month, day): (Int64, Int64, Int64) = (1600, 1, 1)
        var days = UTCTimestamp.daysFromCivil(year: 1600, month: 1, day: 1)
        #expect(days == -135_140)
        // Mismatches are collected rather than expected one by one: 330k days of #expect is slow.
        var mismatches: [String] = []
        var checkedTexts = 0
        while year < 2500 {
            let civil = UTCTimestamp.civilFromDays(days)
            if UTCTimestamp.daysFromCivil(year: year, month: month, day: day) != days
                || civil.0 != year || civil.1 != month || civil.2 != day
            {
                mismatches.append("\(year)-\(month)-\(day) vs day \(days) → \(civil)")
            }
            if days % 13 == 0 {
                // A time of day that varies with the date, so every field position is exercised.
                let secondsOfDay = (days * 7919) %% 86_400
                let timestamp = UTCTimestamp(secondsSinceEpoch: days * 86_400 + secondsOfDay)
                let text = timestamp.iso8601
                if UTCTimestamp.parse(text) != timestamp || timestamp.startOfDay.secondsSinceEpoch != days * 86_400
                    || Int64(timestamp.hourOfDay) != secondsOfDay / 3600
                {
                    mismatches.append("round trip of \(text)")
                }
                checkedTexts += 1
            }
            days += 1
            day += 1
            if day > naiveDaysInMonth(year, month) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(checkedTexts > 25_000)
    }

    @Test func formattingAgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 13_569_465_600 {  // 2400-01-01
            let timestamp = UTCTimestamp(secondsSinceEpoch: seconds)
            #expect(timestamp.iso8601 == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
            seconds += 8_123_411  // about 94 days and an odd number of seconds
        }
    }

    @Test(
        "leap days",
        arguments: [
            ("2000-02-29T00:00:00Z", true), ("2024-02-29T12:00:00Z", true), ("2400-02-29T00:00:00Z", true),
            ("1900-02-29T00:00:00Z", false), ("2100-02-29T00:00:00Z", false), ("2023-02-29T00:00:00Z", false),
            ("2024-02-30T00:00:00Z", false),
        ])
    func leapDays(text: String, valid: Bool) {
        #expect((UTCTimestamp.parse(text) != nil) == valid)
        if valid { #expect(UTCTimestamp.parse(text)?.iso8601 == text) }
    }

    @Test(
        "refuses text that is not a UTC instant",
        arguments: [
            "", "2024-01-01", "2024-01-01T00:00:00", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
            "2024-01-32T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00z", "2024-01-01T00:00:00+01:00",
            "2024-01-01T00:00:00-00:00", "2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.000",
            " 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z ", "2024/01/01T00:00:00Z", "2024-1-01T00:00:00Z",
            "20240101T000000Z", "2024-01-01T00:00:00ZZ", "2024-01-01t00:00:00Z", "1704067200",
        ])
    func refuses(text: String) {
        #expect(UTCTimestamp.parse(text) == nil, "\(text)")
    }

    @Test(
        "accepts the documented variants",
        arguments: [
            "2024-01-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00.000Z",
            "2024-01-01T00:00:00.0+00:00",
        ])
    func acceptsVariants(text: String) {
        #expect(UTCTimestamp.parse(text)?.secondsSinceEpoch == 1_704_067_200)
    }

    @Test func hourOfDayAndStartOfDay() {
        let noon = TestSupport.timestamp("2024-03-10T12:34:56Z")
        #expect(noon.hourOfDay == 12)
        #expect(noon.startOfDay == TestSupport.timestamp("2024-03-10T00:00:00Z"))
        #expect(!noon.isOnHour)
        #expect(TestSupport.timestamp("2024-03-10T23:00:00Z").isOnHour)
        #expect(TestSupport.timestamp("2024-03-10T23:00:00Z").hourOfDay == 23)
        // Before the epoch, days still start at midnight (floor division, not truncation).
        let beforeEpoch = UTCTimestamp(secondsSinceEpoch: -1)
        #expect(beforeEpoch.startOfDay.secondsSinceEpoch == -86_400)
        #expect(beforeEpoch.hourOfDay == 23)
        #expect(UTCTimestamp(secondsSinceEpoch: -3600).isOnHour)
    }

    @Test func addingHoursAndOrdering() {
        let start = TestSupport.timestamp("2023-12-31T23:00:00Z")
        #expect(start.adding(hours: 1) == TestSupport.timestamp("2024-01-01T00:00:00Z"))
        #expect(start.adding(hours: -24) == TestSupport.timestamp("2023-12-30T23:00:00Z"))
        #expect(start.adding(hours: 24 * 60) == TestSupport.timestamp("2024-02-29T23:00:00Z"))
        #expect(start < start.adding(hours: 1))
    }

    private func naiveDaysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        let lengths: [Int64] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return month == 2 && leap ? 29 : lengths[Int(month - 1)]
    }
}

infix operator %% : MultiplicationPrecedence
/// Remainder that is never negative, for computing a time of day from possibly negative days.
private func %% (lhs: Int64, rhs: Int64) -> Int64 { ((lhs % rhs) + rhs) % rhs }
