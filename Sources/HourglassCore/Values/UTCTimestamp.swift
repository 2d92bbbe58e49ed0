/// Seconds since 1970-01-01T00:00:00Z, without time zones, locales or a clock.
///
/// Formatting and parsing are done with integer civil-calendar arithmetic so the result is the
/// same on every machine and build.
public struct UTCTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch (UTC).
    public let secondsSinceEpoch: Int64

    /// Creates a timestamp from Unix seconds.
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Seconds in one hour.
    public static let secondsPerHour: Int64 = 3600
    /// Seconds in one day.
    public static let secondsPerDay: Int64 = 86_400

    public static func < (lhs: UTCTimestamp, rhs: UTCTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// True when the timestamp falls exactly on an hour boundary.
    public var isOnHour: Bool { secondsSinceEpoch % Self.secondsPerHour == 0 }

    /// The timestamp `hours` hours later (or earlier, when negative).
    public func adding(hours: Int64) -> UTCTimestamp {
        UTCTimestamp(secondsSinceEpoch: secondsSinceEpoch + hours * Self.secondsPerHour)
    }

    /// Start of the UTC day that contains this timestamp.
    public var startOfDay: UTCTimestamp {
        let days = Self.floorDiv(secondsSinceEpoch, Self.secondsPerDay)
        return UTCTimestamp(secondsSinceEpoch: days * Self.secondsPerDay)
    }

    /// The hour of the UTC day, 0...23.
    public var hourOfDay: Int { Int((secondsSinceEpoch - startOfDay.secondsSinceEpoch) / Self.secondsPerHour) }

    /// ISO-8601 text with a `Z` suffix, e.g. `2026-01-01T00:00:00Z`.
    public var description: String { iso8601 }

    /// ISO-8601 text with a `Z` suffix, e.g. `2026-01-01T00:00:00Z`.
    public var iso8601: String {
        let days = Self.floorDiv(secondsSinceEpoch, Self.secondsPerDay)
        let secondsOfDay = secondsSinceEpoch - days * Self.secondsPerDay
        let (year, month, day) = Self.civilFromDays(days)
        let hour = secondsOfDay / 3600
        let minute = (secondsOfDay % 3600) / 60
        let second = secondsOfDay % 60
        return
            "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (also `+00:00` for the zone, and `.fff` fractions of zero).
    public static func parse(_ text: String) -> UTCTimestamp? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// Parses ISO-8601 UTC from UTF-8 bytes; nil when the text is not a valid UTC instant.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UTCTimestamp? {
        guard bytes.count >= 20 else { return nil }
        func digits(_ start: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for offset in start..<(start + length) {
                let byte = bytes[offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"), let month = digits(5, 2),
            bytes[7] == UInt8(ascii: "-"), let day = digits(8, 2),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
            bytes[16] == UInt8(ascii: ":"), let second = digits(17, 2)
        else { return nil }
        var index = 19
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count && bytes[index] == UInt8(ascii: "0") { index += 1 }
            if index == start { return nil }
            if index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { return nil }
        }
        let rest = bytes.count - index
        if rest == 1 {
            guard bytes[index] == UInt8(ascii: "Z") else { return nil }
        } else if rest == 6 {
            guard bytes[index] == UInt8(ascii: "+"), bytes[index + 1] == UInt8(ascii: "0"),
                bytes[index + 2] == UInt8(ascii: "0"),
                bytes[index + 3] == UInt8(ascii: ":"), bytes[index + 4] == UInt8(ascii: "0"),
                bytes[index + 5] == UInt8(ascii: "0")
            else { return nil }
        } else {
            return nil
        }
        guard month >= 1 && month <= 12, day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return UTCTimestamp(secondsSinceEpoch: days * secondsPerDay + hour * 3600 + minute * 60 + second)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
