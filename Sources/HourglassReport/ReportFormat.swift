import HourglassCore

/// Locale-free text for the report: fixed decimals, percentages, money, dates and HTML escaping.
///
/// Built without Foundation's formatters so that the bytes never depend on the machine's locale.
public enum ReportFormat {
    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int, grouped: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        precondition((0...9).contains(decimals), "0 to 9 decimals")
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return value < 0 ? "−huge" : "huge" }
        let units = Int64(scaled)
        var whole = String(units / scale)
        if grouped { whole = group(whole) }
        let negative = value < 0 && units != 0
        let sign = negative ? "−" : ""
        guard decimals > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A fraction as a percentage with `decimals` digits, e.g. `12.34%`.
    public static func percent(_ fraction: Double, decimals: Int = 2) -> String {
        fixed(fraction * 100, decimals: decimals) + "%"
    }

    /// An exact decimal with thousands grouped and `decimals` digits (rounded half to even, exactly).
    public static func money(_ value: FixedDecimal, decimals: Int = 2) -> String {
        let text = value.formatted(decimals: decimals)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1).map(String.init)
        let whole = group(parts[0])
        return (negative ? "−" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `2022-03-05T14:00:00Z`.
    public static func hour(_ ts: UTCTimestamp) -> String { ts.iso8601 }

    /// `2022-03-05 14:00` (UTC), for dense tables.
    public static func hourShort(_ ts: UTCTimestamp) -> String {
        let text = ts.iso8601
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    /// `2022-03-05`.
    public static func day(_ ts: UTCTimestamp) -> String { String(ts.iso8601.prefix(10)) }

    /// Text made safe for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An SVG coordinate: one decimal, no exponent, `-` for negatives (SVG does not read `−`).
    static func coordinate(_ value: Double) -> String {
        let tenths = (value * 10).rounded(.toNearestOrAwayFromZero)
        let clamped = Int64(max(min(tenths, 1e12), -1e12))
        let magnitude = clamped.magnitude
        return (clamped < 0 ? "-" : "") + String(magnitude / 10)
            + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
    }

    private static func group(_ digits: String) -> String {
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }
}
