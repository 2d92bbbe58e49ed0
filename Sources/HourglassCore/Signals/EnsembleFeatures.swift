/// The ensemble's feature rows inside the reducer: the same numbers `FeatureTimeline` gives the training
/// samples (the reducer's features plus RSI(14) and the 720-hour correlation and beta to BTC), computed from
/// the state's bar windows at H (bars up to H only).
enum EnsembleFeatures {
    /// Rows of the symbols in `symbols` (sorted) that have features at the hour, in symbol order.
    static func rows(
        hourTs: UTCTimestamp, featureSet: FeatureSet, windows: [BarWindow], config: EngineConfig, symbols: [String]
    ) -> [FeatureRow] {
        let btcWindow = windows.first { $0.symbol == config.btcSymbol }
        let btcReturns = btcWindow.flatMap { $0.endsAt(hourTs) ? $0.closeReturns : nil } ?? []
        var out: [FeatureRow] = []
        for window in windows where symbols.contains(window.symbol) {
            guard let entry = featureSet.entry(window.symbol), let features = entry.features else { continue }
            var beta = 1.0
            var correlation = 1.0
            if window.symbol != config.btcSymbol {
                (beta, correlation) = FeatureEngine.betaAndCorrelation(
                    window.closeReturns, btcReturns, maxCount: FeatureTimeline.longBetaHours)
            }
            out.append(
                FeatureRow(
                    hourTs: hourTs, symbol: window.symbol, regime: entry.regime, features: features,
                    rsi14: WilderRSI.value(closes: window.closes) ?? 50, correlation720: correlation, beta720: beta))
        }
        return out
    }
}
