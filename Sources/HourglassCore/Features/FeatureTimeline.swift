/// Replays bars hour by hour through the reducer's own feature path (`BarWindow.advance` under the gap
/// policy, then `FeatureEngine.compute`) and returns every symbol's `FeatureRow` in a window, in time order.
///
/// Hour H's row reads bars up to H only. Bars before `from` warm the windows up; pass at least
/// `warmUpHours` of them so the first row has full windows.
public struct FeatureTimeline: Sendable {
    /// The engine configuration (feature windows, BTC symbol, regime thresholds).
    public var config: EngineConfig
    /// Window of the extra correlation and beta to BTC.
    public static let longBetaHours = 720

    /// A timeline under `config`.
    public init(config: EngineConfig) { self.config = config }

    /// Hours of bars before the first row that fill every window.
    public var warmUpHours: Int64 {
        Int64(max(config.features.closeCapacity, config.features.rangeCapacity, config.features.minHistoryHours) + 1)
    }

    /// Rows of `symbols` (all, when nil) for every hour from `from` through `through` at which the
    /// symbol has features. `bars` holds one array per universe symbol, each sorted by open time, unique;
    /// the symbols visited are sorted, so the result does not depend on the order of `bars`.
    public func rows(
        bars: [[Bar]], from: UTCTimestamp, through: UTCTimestamp,
        symbols: [String]? = nil
    ) -> [FeatureRow] {
        let series = bars.filter { !$0.isEmpty }.sorted { $0[0].symbol < $1[0].symbol }
        guard let first = series.map({ $0[0].openTs }).min() else { return [] }
        let engine = FeatureEngine(config: config)
        var windows = series.map { BarWindow(symbol: $0[0].symbol) }
        var cursors = [Int](repeating: 0, count: series.count)
        let btcIndex = windows.firstIndex { $0.symbol == config.btcSymbol }
        var out: [FeatureRow] = []
        var hour = first
        while hour <= through {
            for index in series.indices {
                while cursors[index] < series[index].count, series[index][cursors[index]].openTs < hour {
                    cursors[index] += 1
                }
                var bar: Bar? = nil
                if cursors[index] < series[index].count, series[index][cursors[index]].openTs == hour {
                    bar = series[index][cursors[index]]
                }
                // As `BarCheck`: a stored bar that breaks an invariant is invalid, not missing.
                let valid = bar.flatMap { $0.violation == nil ? $0 : nil }
                windows[index].advance(to: hour, bar: valid, missing: bar == nil, windows: config.features)
            }
            if hour >= from {
                let set = engine.compute(hourTs: hour, windows: windows)
                let btcReturns = btcIndex.map { windows[$0].closeReturns }
                for window in windows {
                    guard let entry = set.entry(window.symbol), let features = entry.features else { continue }
                    if let symbols, !symbols.contains(window.symbol) { continue }
                    var beta = 1.0
                    var correlation = 1.0
                    if window.symbol != config.btcSymbol {
                        let returns = window.closeReturns
                        let btc = btcIndex.flatMap { windows[$0].endsAt(hour) ? btcReturns : nil } ?? []
                        (beta, correlation) = FeatureEngine.betaAndCorrelation(
                            returns, btc,
                            maxCount: Self.longBetaHours)
                    }
                    out.append(
                        FeatureRow(
                            hourTs: hour, symbol: window.symbol, regime: entry.regime, features: features,
                            rsi14: WilderRSI.value(closes: window.closes) ?? 50,
                            correlation720: correlation, beta720: beta))
                }
            }
            hour = hour.adding(hours: 1)
        }
        return out
    }
}
