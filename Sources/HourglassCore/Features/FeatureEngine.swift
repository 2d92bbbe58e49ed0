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
        // By index, not `enumerated()`: that copies every window (a dozen arrays to retain and release).
        let returns = barWindows.indices.map { ready[$0] ? barWindows[$0].closeReturns : [] }
        let breadth = marketBreadth(hourTs: hourTs, windows: barWindows)
        let btcIndex = barWindows.firstIndex { $0.symbol == btcSymbol }
        let btcReturns = btcIndex.map { returns[$0] } ?? []
        var entries: [FeatureSet.Entry] = []
        entries.reserveCapacity(barWindows.count)
        for index in barWindows.indices {
            var features: SymbolFeatures? = nil
            let symbol = barWindows[index].symbol
            if ready[index] {
                features = symbolFeatures(
                    barWindows[index], returns: returns[index], btcReturns: symbol == btcSymbol ? nil : btcReturns,
                    breadth: breadth)
            }
            entries.append(
                FeatureSet.Entry(
                    symbol: symbol, features: features, regime: classifier.classify(features),
                    historyBars: barWindows[index].endsAt(hourTs) ? barWindows[index].contiguousCount : 0))
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
    /// series holding at least `count` ≥ 24 values. Each series' last `count` values are copied into one
    /// buffer and centred once (its sum, mean, deviations and Σ d·d in index order, as
    /// `RollingMath.covariance` computes them), up to eight series side by side, each in its own
    /// accumulator; then Σ dA·dB is summed for four pairs per pass over the deviations, each in its own
    /// accumulator in index order. The same operations in the same order as `correlation`, so the same
    /// bits, with four to eight independent additions in flight instead of one.
    static func fullCorrelations(_ series: [[Double]], count: Int) -> [[Double]] {
        precondition(count >= 24 && series.allSatisfy { $0.count >= count })
        let seriesCount = series.count
        var values = [Double](repeating: 0, count: seriesCount * count)
        values.withUnsafeMutableBufferPointer { flat in
            for (lane, source) in series.enumerated() {
                source.withUnsafeBufferPointer { source in
                    let tail = UnsafeBufferPointer(rebasing: source[(source.count - count)...])
                    _ = UnsafeMutableBufferPointer(rebasing: flat[(lane * count)..<((lane + 1) * count)])
                        .initialize(from: tail)
                }
            }
        }
        var deviations = [Double](repeating: 0, count: seriesCount * count)
        var sumSquares = [Double](repeating: 0, count: seriesCount)
        values.withUnsafeBufferPointer { flat in
            deviations.withUnsafeMutableBufferPointer { centred in
                var first = 0
                while first < seriesCount {
                    let taken = min(8, seriesCount - first)
                    let squares = centre(
                        flat.baseAddress!, into: centred.baseAddress!,
                        lanes: (0..<8).map { first + min($0, taken - 1) },
                        count: count)
                    for lane in 0..<taken { sumSquares[first + lane] = squares[lane] }
                    first += taken
                }
            }
        }
        let denominator = Double(count - 1)
        let standardDeviations = sumSquares.map { ($0 / denominator).squareRoot() }
        var pairs: [(Int, Int)] = []
        for a in 0..<seriesCount {
            for b in (a + 1)..<max(a + 1, seriesCount) { pairs.append((a, b)) }
        }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: seriesCount), count: seriesCount)
        deviations.withUnsafeBufferPointer { centred in
            let base = centred.baseAddress!
            var first = 0
            while first < pairs.count {
                let taken = min(4, pairs.count - first)
                let group = (0..<4).map { pairs[first + min($0, taken - 1)] }
                let x0 = base + group[0].0 * count
                let y0 = base + group[0].1 * count
                let x1 = base + group[1].0 * count
                let y1 = base + group[1].1 * count
                let x2 = base + group[2].0 * count
                let y2 = base + group[2].1 * count
                let x3 = base + group[3].0 * count
                let y3 = base + group[3].1 * count
                var sums = (0.0, 0.0, 0.0, 0.0)
                for index in 0..<count {
                    sums.0 += x0[index] * y0[index]
                    sums.1 += x1[index] * y1[index]
                    sums.2 += x2[index] * y2[index]
                    sums.3 += x3[index] * y3[index]
                }
                let cross = [sums.0, sums.1, sums.2, sums.3]
                for offset in 0..<taken {
                    let (a, b) = group[offset]
                    let sdA = standardDeviations[a]
                    let sdB = standardDeviations[b]
                    matrix[a][b] = sdA > 0 && sdB > 0 ? (cross[offset] / denominator) / (sdA * sdB) : 0
                }
                first += taken
            }
        }
        return matrix
    }

    /// Centres the eight series `lanes` (indices of `count`-value runs of `values`; repeats allowed) side
    /// by side: for each, the sum of its values in index order, the mean, the deviations (written to the
    /// same place in `deviations`) and the sum of their squares in index order, which it returns per lane.
    private static func centre(
        _ values: UnsafePointer<Double>, into deviations: UnsafeMutablePointer<Double>, lanes: [Int], count: Int
    ) -> [Double] {
        let v0 = values + lanes[0] * count
        let v1 = values + lanes[1] * count
        let v2 = values + lanes[2] * count
        let v3 = values + lanes[3] * count
        let v4 = values + lanes[4] * count
        let v5 = values + lanes[5] * count
        let v6 = values + lanes[6] * count
        let v7 = values + lanes[7] * count
        var sums = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for index in 0..<count {
            sums.0 += v0[index]
            sums.1 += v1[index]
            sums.2 += v2[index]
            sums.3 += v3[index]
            sums.4 += v4[index]
            sums.5 += v5[index]
            sums.6 += v6[index]
            sums.7 += v7[index]
        }
        let n = Double(count)
        let means = (sums.0 / n, sums.1 / n, sums.2 / n, sums.3 / n, sums.4 / n, sums.5 / n, sums.6 / n, sums.7 / n)
        let d0 = deviations + lanes[0] * count
        let d1 = deviations + lanes[1] * count
        let d2 = deviations + lanes[2] * count
        let d3 = deviations + lanes[3] * count
        let d4 = deviations + lanes[4] * count
        let d5 = deviations + lanes[5] * count
        let d6 = deviations + lanes[6] * count
        let d7 = deviations + lanes[7] * count
        var squares = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for index in 0..<count {
            let e0 = v0[index] - means.0
            let e1 = v1[index] - means.1
            let e2 = v2[index] - means.2
            let e3 = v3[index] - means.3
            let e4 = v4[index] - means.4
            let e5 = v5[index] - means.5
            let e6 = v6[index] - means.6
            let e7 = v7[index] - means.7
            d0[index] = e0
            d1[index] = e1
            d2[index] = e2
            d3[index] = e3
            d4[index] = e4
            d5[index] = e5
            d6[index] = e6
            d7[index] = e7
            squares.0 += e0 * e0
            squares.1 += e1 * e1
            squares.2 += e2 * e2
            squares.3 += e3 * e3
            squares.4 += e4 * e4
            squares.5 += e5 * e5
            squares.6 += e6 * e6
            squares.7 += e7 * e7
        }
        return [squares.0, squares.1, squares.2, squares.3, squares.4, squares.5, squares.6, squares.7]
    }

    /// Share of symbols whose window ends at H with `meanHours` closes and whose close is above their mean.
    func marketBreadth(hourTs: UTCTimestamp, windows barWindows: [BarWindow]) -> Double {
        var counted = 0
        var above = 0
        for index in barWindows.indices
        where barWindows[index].endsAt(hourTs) && barWindows[index].closes.count >= windows.meanHours {
            counted += 1
            let closes = barWindows[index].closes
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
            let atOrBelow = Self.countAtOrBelow(
                window.rollingVolatilities, (firstEnd - span)..<(lastEnd - span + 1), current)
            return Double(atOrBelow) / Double(ends.count)
        }
        let atOrBelow = RollingMath.countStandardDeviations(returns, span: span, ends: ends, atOrBelow: current)
        return Double(atOrBelow) / Double(ends.count)
    }

    /// How many of `values[range]` are ≤ `limit` (a NaN never is): four lanes compared at a time, without a
    /// branch per value, then the rest one by one. An exact count, so the order does not matter.
    static func countAtOrBelow(_ values: [Double], _ range: Range<Int>, _ limit: Double) -> Int {
        precondition(range.lowerBound >= 0 && range.upperBound <= values.count)
        guard !range.isEmpty else { return 0 }
        return values.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let limits = SIMD4<Double>(repeating: limit)
            var counts = SIMD4<Int64>(repeating: 0)
            var index = range.lowerBound
            while index + 4 <= range.upperBound {
                let lanes = base.loadUnaligned(fromByteOffset: index * 8, as: SIMD4<Double>.self)
                counts &+= SIMD4<Int64>(repeating: 0).replacing(with: 1, where: lanes .<= limits)
                index += 4
            }
            var count = Int(counts.wrappedSum())
            while index < range.upperBound {
                if buffer[index] <= limit { count += 1 }
                index += 1
            }
            return count
        }
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
