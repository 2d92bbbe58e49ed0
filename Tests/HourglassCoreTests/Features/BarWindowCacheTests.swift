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

    /// The cached returns of every window equal `RollingMath.returns` of its closes to the bit, and every
    /// correlation and beta of `set` is the reference over returns derived afresh from the closes;
    /// returns whether every ready window held the full correlation window.
    @discardableResult
    func expectReferenceCovariances(_ set: FeatureSet, windows: [BarWindow], hour: Int) -> Bool {
        let features = config.features
        let returns = windows.map { RollingMath.returns($0.closes) }
        for (index, window) in windows.enumerated() {
            #expect(
                window.closeReturns.map(\.bitPattern) == returns[index].map(\.bitPattern),
                "returns of \(window.symbol) at hour \(hour)")
        }
        let ready = windows.map { set.entry($0.symbol)?.features != nil }
        let indexOf = { (symbol: String) in windows.firstIndex { $0.symbol == symbol }! }
        for entry in set.correlations {
            let expected = FeatureEngine.correlation(
                returns[indexOf(entry.symbolA)], returns[indexOf(entry.symbolB)], maxCount: features.correlationHours)
            #expect(
                entry.correlation.bitPattern == expected.bitPattern,
                "correlation \(entry.symbolA) \(entry.symbolB) at hour \(hour)")
        }
        #expect(set.correlations.count == ready.filter { $0 }.count * (ready.filter { $0 }.count - 1) / 2)
        let btc = indexOf(config.btcSymbol)
        let btcReturns = ready[btc] ? returns[btc] : []
        for index in windows.indices where ready[index] && index != btc {
            let symbolFeatures = set.entry(windows[index].symbol)!.features!
            let expected = FeatureEngine.betaAndCorrelation(returns[index], btcReturns, maxCount: features.betaHours)
            #expect(
                [symbolFeatures.betaToBTC, symbolFeatures.correlationToBTC].map(\.bitPattern)
                    == [expected.0, expected.1].map(\.bitPattern), "beta of \(windows[index].symbol) at hour \(hour)")
        }
        return windows.indices.allSatisfy { !ready[$0] || returns[$0].count >= features.correlationHours }
            && ready.filter { $0 }.count >= 2
    }

    @Test func cachedReturnsGiveTheReferenceCovariancesEveryHour() throws {
        // Every hour of 2021-01-26 .. 2021-03-04 (hours 600 ..< 1500) under the gap policy: the carried outage
        // hour 688, full 720-hour windows from hour 721, and restarts from decoded windows (caches rebuilt
        // from the encoding) at hours 699 and 1399. The windows warm up from 2021-01-01.
        let engine = FeatureEngine(config: config)
        var windows = config.universe.sorted().map { BarWindow(symbol: $0) }
        var carried = 0
        var fullHours = 0
        for (hour, inputs) in SharedRun.hours.prefix(1500).enumerated() {
            if hour % 700 == 699 {
                windows = try windows.map { window -> BarWindow in
                    var writer = ByteWriter()
                    window.encode(to: &writer)
                    var reader = ByteReader(writer.bytes)
                    return try BarWindow.decode(from: &reader)
                }
            }
            for index in windows.indices {
                let bar = inputs.bars.first { $0.symbol == windows[index].symbol }
                windows[index].advance(to: inputs.hourTs, bar: bar, missing: bar == nil, windows: config.features)
                carried += windows[index].carriedHours > 0 ? 1 : 0
            }
            guard hour >= 600 else { continue }
            let set = engine.compute(hourTs: inputs.hourTs, windows: windows)
            if expectReferenceCovariances(set, windows: windows, hour: hour) { fullHours += 1 }
        }
        #expect(carried >= 5)
        #expect(fullHours > 700)
    }

    @Test func fullCorrelationsEqualThePairwiseCorrelationForAnyNumberOfSeries() {
        // 1 ..< 14 series (one and two groups of eight lanes, pair groups of four with a remainder), each of
        // 720 ... 725 values from a fixed linear congruential sequence; every fifth series is constant (no
        // variance: correlation 0) and every seventh repeats the one before (correlation 1).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let count = 720
        for seriesCount in 1..<14 {
            var series: [[Double]] = []
            for index in 0..<seriesCount {
                let length = count + index % 6
                if index % 5 == 4 {
                    series.append([Double](repeating: 0.25, count: length))
                } else if index % 7 == 6 {
                    series.append(Array(series[index - 1].suffix(count)))
                } else {
                    series.append((0..<length).map { _ in next() / 100 })
                }
            }
            let matrix = FeatureEngine.fullCorrelations(series, count: count)
            for a in 0..<seriesCount {
                for b in 0..<seriesCount {
                    let expected = b > a ? FeatureEngine.correlation(series[a], series[b], maxCount: count) : 0
                    #expect(
                        matrix[a][b].bitPattern == expected.bitPattern, "\(seriesCount) series: [\(a)][\(b)]")
                }
            }
        }
    }

    @Test func countAtOrBelowCountsLikeAFilterWithNaNsTiesAndEveryRemainder() {
        var values: [Double] = []
        for index in 0..<41 {
            if index % 9 == 8 {
                values.append(.nan)
            } else if index % 5 == 0 {
                values.append(0.5)
            } else {
                values.append(Double((index * 37) % 23) / 23)
            }
        }
        for limit in [-1.0, 0, 0.5, 0.51, 0.99, 2, .nan, .infinity] {
            for lower in 0..<6 {
                for upper in lower...values.count {
                    let expected = values[lower..<upper].filter { $0 <= limit }.count
                    #expect(
                        FeatureEngine.countAtOrBelow(values, lower..<upper, limit) == expected,
                        "\(lower)..<\(upper) at or below \(limit)")
                }
            }
        }
    }
}
