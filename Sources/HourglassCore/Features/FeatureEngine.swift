/// Computes every symbol's features at hour H from the bar windows, which hold bars up to H only.
///
/// A symbol gets features only when its window ends at H and holds at least
/// `minHistoryHours` contiguous bars; long windows (30 days) use what is stored when fewer bars
/// exist. Every sum runs in index order and symbols are visited in sorted order, so the
/// `Double`s are the same bits on every run of the same build and platform.
public struct FeatureEngine: Sendable {
    /// Window lengths.
    public var windows: FeatureWindows
    /// Symbol that beta and correlation refer to.
    public var btcSymbol: String
    /// Regime thresholds.
    public var classifier: RegimeClassifier
    /// Windows of `SymbolFeatures.smaCross`, computed only when an `sma_cross` model runs.
    public var smaCross: SMACrossSettings?

    /// Creates an engine.
    public init(
        windows: FeatureWindows, btcSymbol: String, classifier: RegimeClassifier, smaCross: SMACrossSettings? = nil
    ) {
        self.windows = windows
        self.btcSymbol = btcSymbol
        self.classifier = classifier
        self.smaCross = smaCross
    }

    /// An engine configured by `config`.
    public init(config: EngineConfig) {
        let strategy = config.strategy
        self.init(
            windows: config.features, btcSymbol: config.btcSymbol, classifier: config.regime,
            smaCross: strategy.models.contains(SMACrossSignal.modelId) ? strategy.smaCross : nil)
    }

    /// Features of every window (sorted by symbol) at `hourTs`.
    public func compute(hourTs: UTCTimestamp, windows barWindows: [BarWindow]) -> FeatureSet {
        let ready = barWindows.map {
            $0.endsAt(hourTs) && $0.contiguousCount >= windows.minHistoryHours
                && $0.closes.count > windows.minHistoryHours - 1
        }
        let returns = barWindows.enumerated().map { ready[$0.offset] ? $0.element.closeReturns : [] }
        let breadth = marketBreadth(hourTs: hourTs, windows: barWindows)
        let btcIndex = barWindows.firstIndex { $0.symbol == btcSymbol }
        let btcReturns = btcIndex.map { returns[$0] } ?? []
        var entries: [FeatureSet.Entry] = []
        for (index, window) in barWindows.enumerated() {
            var features: SymbolFeatures? = nil
            if ready[index] {
                features = symbolFeatures(
                    window, returns: returns[index], btcReturns: window.symbol == btcSymbol ? nil : btcReturns,
                    breadth: breadth)
            }
            entries.append(
                FeatureSet.Entry(
                    symbol: window.symbol, features: features, regime: classifier.classify(features),
                    historyBars: window.endsAt(hourTs) ? window.contiguousCount : 0))
        }
        let correlations = correlations(barWindows, returns: returns, ready: ready)
        return FeatureSet(hourTs: hourTs, entries: entries, correlations: correlations, marketBreadth: breadth)
    }

    /// Every pair of ready windows' correlation over their last `correlationHours` returns, sorted by (a, b).
    /// Pairs of windows that both hold `correlationHours` returns are read from `fullCorrelations` (the
    /// same bits as `correlation`); the others are computed by `correlation`.
    func correlations(_ barWindows: [BarWindow], returns: [[Double]], ready: [Bool]) -> [CorrelationEntry] {
        let maxCount = windows.correlationHours
        let full = barWindows.indices.filter { ready[$0] && returns[$0].count >= maxCount }
            .sorted { barWindows[$0].symbol < barWindows[$1].symbol }
        var lanes = [Int?](repeating: nil, count: barWindows.count)
        var matrix: [[Double]] = []
        let distinct = zip(full, full.dropFirst()).allSatisfy { barWindows[$0].symbol < barWindows[$1].symbol }
        if maxCount >= 24, full.count >= 2, distinct {
            for (lane, index) in full.enumerated() { lanes[index] = lane }
            matrix = Self.fullCorrelations(full.map { returns[$0] }, count: maxCount)
        }
        var correlations: [CorrelationEntry] = []
        for a in barWindows.indices where ready[a] {
            for b in barWindows.indices where b > a && ready[b] {
                let (low, high) = barWindows[a].symbol < barWindows[b].symbol ? (a, b) : (b, a)
                let correlation: Double
                if let laneLow = lanes[low], let laneHigh = lanes[high] {
                    correlation = matrix[laneLow][laneHigh]
                } else {
                    correlation = Self.correlation(returns[low], returns[high], maxCount: maxCount)
                }
                correlations.append(
                    CorrelationEntry(
                        symbolA: barWindows[low].symbol, symbolB: barWindows[high].symbol, correlation: correlation))
            }
        }
        correlations.sort { ($0.symbolA, $0.symbolB) < ($1.symbolA, $1.symbolB) }
        return correlations
    }

    /// `correlation(series[a], series[b], count)` for every a < b (at `[a][b]`; 0 elsewhere), every
    /// series holding at least `count` ≥ 24 values. Each series' last `count` values are centred once
    /// (its sum, mean, deviations and Σ d·d in index order, as `RollingMath.covariance` computes them),
    /// then one pass over series a's deviations sums Σ dA·dB for up to four b at once, each in its own
    /// accumulator in index order: the same operations in the same order, so the same bits, with four
    /// independent additions in flight instead of one.
    static func fullCorrelations(_ series: [[Double]], count: Int) -> [[Double]] {
        precondition(count >= 24 && series.allSatisfy { $0.count >= count })
        var deviations: [[Double]] = []
        var sumSquares: [Double] = []
        for values in series {
            let offset = values.count - count
            var sum = 0.0
            for index in offset..<values.count { sum += values[index] }
            let mean = sum / Double(count)
            var centred = [Double](repeating: 0, count: count)
            var squares = 0.0
            for index in 0..<count {
                let deviation = values[offset + index] - mean
                centred[index] = deviation
                squares += deviation * deviation
            }
            deviations.append(centred)
            sumSquares.append(squares)
        }
        let denominator = Double(count - 1)
        let standardDeviations = sumSquares.map { ($0 / denominator).squareRoot() }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: series.count), count: series.count)
        for a in series.indices {
            var b = a + 1
            while b < series.count {
                let taken = min(4, series.count - b)
                let last = series.count - 1
                var sums = (0.0, 0.0, 0.0, 0.0)
                deviations[a].withUnsafeBufferPointer { x in
                    deviations[b].withUnsafeBufferPointer { y0 in
                        deviations[min(b + 1, last)].withUnsafeBufferPointer { y1 in
                            deviations[min(b + 2, last)].withUnsafeBufferPointer { y2 in
                                deviations[min(b + 3, last)].withUnsafeBufferPointer { y3 in
                                    for index in 0..<count {
                                        let dA = x[index]
                                        sums.0 += dA * y0[index]
                                        sums.1 += dA * y1[index]
                                        sums.2 += dA * y2[index]
                                        sums.3 += dA * y3[index]
                                    }
                                }
                            }
                        }
                    }
                }
                let cross = [sums.0, sums.1, sums.2, sums.3]
                for offset in 0..<taken {
                    let sdA = standardDeviations[a]
                    let sdB = standardDeviations[b + offset]
                    matrix[a][b + offset] = sdA > 0 && sdB > 0 ? (cross[offset] / denominator) / (sdA * sdB) : 0
                }
                b += taken
            }
        }
        return matrix
    }

    /// Share of symbols whose window ends at H with `meanHours` closes and whose close is above their mean.
    func marketBreadth(hourTs: UTCTimestamp, windows barWindows: [BarWindow]) -> Double {
        var counted = 0
        var above = 0
        for window in barWindows where window.endsAt(hourTs) && window.closes.count >= windows.meanHours {
            counted += 1
            let closes = window.closes
            if closes[closes.count - 1] > RollingMath.mean(closes, (closes.count - windows.meanHours)..<closes.count) {
                above += 1
            }
        }
        return counted == 0 ? 0 : Double(above) / Double(counted)
    }

    /// One symbol's features. `btcReturns` is nil for BTC itself (beta and correlation are 1).
    func symbolFeatures(_ window: BarWindow, returns: [Double], btcReturns: [Double]?, breadth: Double)
        -> SymbolFeatures
    {
        let closes = window.closes
        let last = closes.count - 1
        let close = closes[last]
        let atr = averageTrueRange(window)
        let volatilityRange = (returns.count - windows.volatilityHours)..<returns.count
        let volatility = RollingMath.standardDeviation(returns, volatilityRange)
        let percentile = volatilityPercentile(returns, current: volatility, cached: window)
        let volumes = window.volumes
        let volumeMean = RollingMath.mean(
            volumes, max(0, volumes.count - 1 - windows.volumeHours)..<(volumes.count - 1))
        let ranges = window.rangeFractions
        let medianRange = max(0, ranges.count - 1 - windows.rangeMedianHours)..<(ranges.count - 1)
        let rangeMedian: Double
        if let sorted = window.sortedRangeHistory, medianRange.lowerBound == 0, sorted.count == medianRange.count,
            !sorted.isEmpty
        {
            let middle = sorted.count / 2
            rangeMedian = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        } else {
            rangeMedian = RollingMath.median(ranges, medianRange)
        }
        let highs = window.highs
        let breakoutHigh = highs[max(0, highs.count - 1 - windows.breakoutHours)..<(highs.count - 1)].max() ?? .infinity
        let rollingMean = RollingMath.mean(closes, (closes.count - windows.meanHours)..<closes.count)
        var beta = 1.0
        var correlation = 1.0
        if let btcReturns {
            (beta, correlation) = Self.betaAndCorrelation(returns, btcReturns, maxCount: windows.betaHours)
        }
        return SymbolFeatures(
            return1h: close / closes[last - 1] - 1, return4h: close / closes[last - 4] - 1,
            return24h: close / closes[last - 24] - 1,
            momentumSlope: RollingMath.normalizedSlope(closes, (closes.count - windows.momentumHours)..<closes.count),
            atr14: atr, atrFraction: atr / close, realizedVolatility: volatility, volatilityPercentile: percentile,
            highVolatility: percentile >= windows.highVolatilityPercentile,
            volumeSurgeRatio: volumeMean > 0 ? volumes[volumes.count - 1] / volumeMean : 1,
            rangeRatio: rangeMedian > 0 ? ranges[ranges.count - 1] / rangeMedian : 1,
            breakout: close > breakoutHigh, distanceFromMean: (close - rollingMean) / rollingMean,
            betaToBTC: beta, correlationToBTC: correlation, marketBreadth: breadth,
            smaCross: smaCross.map { SMACrossSignal.cross(closes: closes, settings: $0) },
            carriedHours: window.carriedHours)
    }

    /// Mean true range over `atrHours` bars: max(high − low, |high − prev close|, |low − prev close|).
    func averageTrueRange(_ window: BarWindow) -> Double {
        let count = windows.atrHours
        let closes = window.closes
        let highs = window.highs
        let lows = window.lows
        var sum = 0.0
        for back in 0..<count {
            let high = highs[highs.count - 1 - back]
            let low = lows[lows.count - 1 - back]
            let previousClose = closes[closes.count - 2 - back]
            sum += max(high - low, abs(high - previousClose), abs(low - previousClose))
        }
        return sum / Double(count)
    }

    /// Share of the trailing rolling volatilities (up to `volatilityPercentileHours` endpoints)
    /// at or below the current one; read from the window's cached volatilities when they are the
    /// ones of these returns, computed otherwise.
    func volatilityPercentile(_ returns: [Double], current: Double, cached window: BarWindow? = nil) -> Double {
        let span = windows.volatilityHours
        let lastEnd = returns.count
        let firstEnd = max(span, lastEnd - windows.volatilityPercentileHours + 1)
        let ends = firstEnd...lastEnd
        if let window, window.volatilitySpan == span, window.rollingVolatilities.count == returns.count - span + 1,
            window.closes.count == returns.count + 1
        {
            var atOrBelow = 0
            for value in window.rollingVolatilities[(firstEnd - span)...(lastEnd - span)] where value <= current {
                atOrBelow += 1
            }
            return Double(atOrBelow) / Double(ends.count)
        }
        let atOrBelow = RollingMath.countStandardDeviations(returns, span: span, ends: ends, atOrBelow: current)
        return Double(atOrBelow) / Double(ends.count)
    }

    /// Correlation of the last `min(maxCount, both counts)` returns (0 below 24 or with no variance).
    static func correlation(_ a: [Double], _ b: [Double], maxCount: Int) -> Double {
        let count = min(maxCount, a.count, b.count)
        guard count >= 24 else { return 0 }
        let stats = RollingMath.covariance(a.suffix(count), b.suffix(count))
        guard stats.sdA > 0, stats.sdB > 0 else { return 0 }
        return stats.cov / (stats.sdA * stats.sdB)
    }

    /// Beta of `a` to `btc` and their correlation over the last `min(maxCount, both counts)` returns.
    static func betaAndCorrelation(_ a: [Double], _ btc: [Double], maxCount: Int) -> (Double, Double) {
        let count = min(maxCount, a.count, btc.count)
        guard count >= 24 else { return (0, 0) }
        let stats = RollingMath.covariance(a.suffix(count), btc.suffix(count))
        guard stats.sdA > 0, stats.sdB > 0 else { return (0, 0) }
        return (stats.cov / (stats.sdB * stats.sdB), stats.cov / (stats.sdA * stats.sdB))
    }
}
