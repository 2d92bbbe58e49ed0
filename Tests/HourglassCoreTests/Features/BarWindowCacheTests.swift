import Testing

@testable import HourglassCore

/// `BarWindow`'s derived caches (sorted range history, rolling volatilities) always equal what
/// they are derived from, and features read from them equal features computed without them.
@Suite("Bar window caches")
struct BarWindowCacheTests {
    let config = EngineConfig.momentumBaseline

    func expectCachesMatch(_ window: BarWindow, hour: Int) {
        let history = window.rangeFractions.dropLast()
        #expect(
            window.sortedRangeHistory == history.sorted(), "sorted range history of \(window.symbol) at hour \(hour)")
        let returns = RollingMath.returns(window.closes)
        let span = config.features.volatilityHours
        let expected =
            returns.count < span
            ? [] : (span...returns.count).map { RollingMath.standardDeviation(returns, ($0 - span)..<$0) }
        #expect(window.volatilitySpan == span)
        #expect(
            window.rollingVolatilities.map(\.bitPattern) == expected.map(\.bitPattern),
            "volatilities of \(window.symbol) at hour \(hour)")
    }

    @Test func cachesFollowTheSeriesThroughGapsAndFullWindows() {
        // 2021-01-01 … 2021-04-30 holds the all-pairs outage of 2021-01-29T16:00Z and more than 30 full days.
        var windows = config.universe.map { BarWindow(symbol: $0) }
        for (hour, inputs) in SharedRun.hours.enumerated() {
            for index in windows.indices {
                if let bar = inputs.bars.first(where: { $0.symbol == windows[index].symbol }) {
                    windows[index].append(bar, windows: config.features)
                } else {
                    windows[index].reset()
                }
                if hour % 97 == 0 || hour > SharedRun.hours.count - 3 { expectCachesMatch(windows[index], hour: hour) }
            }
        }
        #expect(windows.allSatisfy { $0.closes.count == config.features.closeCapacity })
    }

    @Test func decodedWindowsGiveTheSameFeaturesAndRebuildTheirCaches() throws {
        var windows = config.universe.map { BarWindow(symbol: $0) }
        let hours = SharedRun.hours
        for inputs in hours[0..<1500] {
            for index in windows.indices {
                if let bar = inputs.bars.first(where: { $0.symbol == windows[index].symbol }) {
                    windows[index].append(bar, windows: config.features)
                } else {
                    windows[index].reset()
                }
            }
        }
        let decoded = try windows.map { window -> BarWindow in
            var writer = ByteWriter()
            window.encode(to: &writer)
            var reader = ByteReader(writer.bytes)
            return try BarWindow.decode(from: &reader)
        }
        #expect(decoded == windows)
        #expect(decoded.allSatisfy { $0.rollingVolatilities.isEmpty })
        let engine = FeatureEngine(config: config)
        let hourTs = hours[1499].hourTs
        #expect(engine.compute(hourTs: hourTs, windows: decoded) == engine.compute(hourTs: hourTs, windows: windows))
        var next = decoded
        for index in next.indices {
            if let bar = hours[1500].bars.first(where: { $0.symbol == next[index].symbol }) {
                next[index].append(bar, windows: config.features)
            }
            expectCachesMatch(next[index], hour: 1500)
        }
    }
}
