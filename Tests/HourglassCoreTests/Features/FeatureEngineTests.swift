import HourglassCore
import Testing

@Suite struct FeatureEngineTests {
    let config = EngineConfig.momentumBaseline

    /// Windows of the five pairs after feeding `hours`.
    func windows(_ hours: ArraySlice<HourInputs>) -> [BarWindow] {
        var windows = config.universe.map { BarWindow(symbol: $0) }
        for inputs in hours {
            for index in windows.indices {
                if let bar = inputs.bars.first(where: { $0.symbol == windows[index].symbol }) {
                    windows[index].append(bar, windows: config.features)
                } else {
                    windows[index].reset()
                }
            }
        }
        return windows
    }

    @Test func featuresNeedTheMinimumContiguousHistory() {
        let engine = FeatureEngine(config: config)
        let hours = SharedRun.hours
        let early = engine.compute(hourTs: hours[166].hourTs, windows: windows(hours[0...166]))
        #expect(early.entries.allSatisfy { $0.features == nil && $0.regime == .unknown })
        let ready = engine.compute(hourTs: hours[167].hourTs, windows: windows(hours[0...167]))
        #expect(ready.entries.allSatisfy { $0.features != nil && $0.historyBars == 168 })
    }

    @Test func aMissingHourRestartsTheHistory() {
        var window = BarWindow(symbol: "XBT/USD")
        let bars = SharedRun.hours.prefix(10).compactMap { $0.bars.first { $0.symbol == "XBT/USD" } }
        for bar in bars.prefix(5) { window.append(bar, windows: config.features) }
        #expect(window.contiguousCount == 5)
        window.append(bars[6], windows: config.features)  // skips bars[5]
        #expect(window.contiguousCount == 1 && window.closes.count == 1)
    }

    @Test func valuesAreInRangeAndBTCIsItsOwnBenchmark() throws {
        let hours = SharedRun.hours
        let set = FeatureEngine(config: config).compute(hourTs: hours[900].hourTs, windows: windows(hours[0...900]))
        let btc = try #require(set.entry("XBT/USD")?.features)
        #expect(btc.betaToBTC == 1 && btc.correlationToBTC == 1)
        for entry in set.entries {
            let features = try #require(entry.features)
            #expect(features.atr14 > 0 && features.atrFraction > 0 && features.atrFraction < 0.5)
            #expect(features.volatilityPercentile > 0 && features.volatilityPercentile <= 1)
            #expect(features.correlationToBTC >= -1 && features.correlationToBTC <= 1)
            #expect(features.marketBreadth >= 0 && features.marketBreadth <= 1)
            #expect(features.rangeRatio > 0 && features.volumeSurgeRatio >= 0)
            let closes = try #require(hours[900].bars.first { $0.symbol == entry.symbol })
            #expect(
                abs(
                    features.return1h
                        - (closes.closePrice.doubleValue
                            / hours[899].bars.first { $0.symbol == entry.symbol }!.closePrice.doubleValue - 1)) < 1e-12)
        }
        #expect(set.correlations.count == 10)
        #expect(
            set.correlations.map { "\($0.symbolA)|\($0.symbolB)" }
                == set.correlations.map { "\($0.symbolA)|\($0.symbolB)" }.sorted())
        #expect(set.correlations.allSatisfy { $0.symbolA < $0.symbolB && abs($0.correlation) <= 1 })
        #expect(set.correlations.contains { $0.correlation > 0.5 }, "crypto majors co-move")
    }

    @Test func featuresAreBitIdenticalAcrossComputations() {
        let hours = SharedRun.hours
        let engine = FeatureEngine(config: config)
        let a = engine.compute(hourTs: hours[500].hourTs, windows: windows(hours[0...500]))
        let b = engine.compute(hourTs: hours[500].hourTs, windows: windows(hours[0...500]))
        #expect(a == b)
    }

    @Test func regimePrecedence() {
        let classifier = RegimeClassifier.default
        func features(r24: Double = 0, r4: Double = 0, slope: Double = 0, highVol: Bool = false) -> SymbolFeatures {
            SymbolFeatures(
                return1h: 0, return4h: r4, return24h: r24, momentumSlope: slope, atr14: 1, atrFraction: 0.01,
                realizedVolatility: 0.01,
                volatilityPercentile: 0.5, highVolatility: highVol, volumeSurgeRatio: 1, rangeRatio: 1, breakout: false,
                distanceFromMean: 0, betaToBTC: 1, correlationToBTC: 1, marketBreadth: 0.5)
        }
        #expect(classifier.classify(nil) == .unknown)
        #expect(classifier.classify(features(r24: -0.10, highVol: true)) == .crash)
        #expect(classifier.classify(features(r24: -0.0999, r4: -0.06)) == .crash)
        #expect(classifier.classify(features(slope: 0.001, highVol: true)) == .highVol)
        #expect(classifier.classify(features(slope: 0.01 / 24)) == .trend)
        #expect(classifier.classify(features(slope: -0.02 / 24)) == .trend)
        #expect(classifier.classify(features(slope: 0.009 / 24)) == .range)
    }
}
