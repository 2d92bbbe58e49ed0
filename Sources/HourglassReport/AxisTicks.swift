import HourglassCore

/// Readable tick positions for value and time axes.
enum AxisTicks {
    /// Round ticks (1, 2, 2.5 or 5 × 10ⁿ) covering `low…high`, about `target` of them.
    static func values(low: Double, high: Double, target: Int = 5) -> (ticks: [Double], low: Double, high: Double) {
        var low = low
        var high = high
        if !(high > low) {
            let pad = max(abs(low) * 0.05, 1e-9)
            low -= pad
            high += pad
        }
        let rough = (high - low) / Double(max(target, 1))
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var index = 0.0
        while first + index * step <= last + step * 1e-9 && ticks.count < 50 {
            ticks.append(first + index * step)
            index += 1
        }
        return (ticks, first, last)
    }

    /// Decimals that tell the ticks apart.
    static func decimals(for ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 0 }
        let step = abs(ticks[1] - ticks[0])
        var decimals = 0
        var unit = 1.0
        while unit > step * 1.0001 && decimals < 6 {
            unit /= 10
            decimals += 1
        }
        return decimals + (abs(step / unit - 2.5) < 1e-6 ? 1 : 0)
    }

    /// Hour ticks at round UTC boundaries (6 h, 12 h, 1, 2, 7, 14, 28 days…), about `target` of them.
    static func hours(first: UTCTimestamp, last: UTCTimestamp, target: Int = 7) -> [UTCTimestamp] {
        let spanHours = max(Int64(1), (last.secondsSinceEpoch - first.secondsSinceEpoch) / UTCTimestamp.secondsPerHour)
        let steps: [Int64] = [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 672, 1344, 2688, 8760]
        let step = steps.first { spanHours / $0 <= Int64(target) } ?? 8760
        let stepSeconds = step * UTCTimestamp.secondsPerHour
        // Day steps align on UTC midnight; whole weeks align on midnight too (not on Mondays).
        var tick = first.secondsSinceEpoch
        let remainder = tick % stepSeconds
        if remainder != 0 { tick += stepSeconds - ((remainder + stepSeconds) % stepSeconds) }
        var ticks: [UTCTimestamp] = []
        while tick <= last.secondsSinceEpoch && ticks.count < 40 {
            ticks.append(UTCTimestamp(secondsSinceEpoch: tick))
            tick += stepSeconds
        }
        return ticks
    }

    /// A tick label: the date at day steps, the date and hour otherwise.
    static func hourLabel(_ ts: UTCTimestamp, stepHours: Int64) -> String {
        stepHours >= 24 && ts.hourOfDay == 0 ? ReportFormat.day(ts) : ReportFormat.hourShort(ts)
    }
}
