/// The model set's prediction for one symbol with features at H, and its regime.
struct SymbolPrediction {
    var symbol: String
    var regime: Regime
    var features: SymbolFeatures
    var prediction: Prediction
}

extension HourStepper {
    /// Predicts every symbol that has features at H (bars up to H only), in symbol order.
    func predict(_ featureSet: FeatureSet) -> [SymbolPrediction] {
        featureSet.entries.compactMap { entry in
            guard let features = entry.features, bar(entry.symbol) != nil else { return nil }
            let context = SignalContext(hourTs: hourTs, symbol: entry.symbol, regime: entry.regime)
            return SymbolPrediction(
                symbol: entry.symbol, regime: entry.regime, features: features,
                prediction: models.predict(features: features, context: context))
        }
    }

    /// Records every prediction with what was done about it, and sizes an entry with
    /// `PositionSizer` where the signal passes. The sizing steps (equity first, then the sizer's)
    /// are recorded in `PredictionMade`. A positive size is proposed even below the pair's minimum
    /// or while the kill switch is tripped: governance judges it and records the BLOCK.
    mutating func proposeEntries(_ featureSet: FeatureSet, predictions: [SymbolPrediction], exiting: [String])
        -> [OrderCandidate]
    {
        var candidates: [OrderCandidate] = []
        let equity = state.equityQuote
        for item in predictions {
            guard let bar = bar(item.symbol) else { continue }
            var steps: [SizingStep] = []
            var action = entryBlocker(item, exiting: exiting) ?? "propose_entry"
            if action == "propose_entry" {
                let sizing = size(item, close: bar.closePrice, equity: equity)
                steps = [SizingStep("equity", .decimal(equity))] + sizing.steps
                if sizing.quantityBase.isPositive {
                    candidates.append(candidateFor(item, sizing, bar.closePrice))
                } else {
                    action = "no_entry:size_zero"
                    steps.append(SizingStep("zero_reason", .text(sizing.zeroReason ?? "size is zero")))
                }
            }
            let prediction = item.prediction
            events.append(
                .predictionMade(
                    PredictionMade(
                        hourTs: hourTs, symbol: item.symbol, modelId: models.id, regime: item.regime,
                        score: prediction.score, expectedEdge: prediction.expectedEdge,
                        confidence: prediction.confidence, action: action, sizingSteps: steps)))
        }
        return candidates
    }

    /// Why the strategy proposes no entry (`hold`, `exiting`, `no_entry:…`), or nil when it does.
    /// Risk limits are not checked here: they are rules, and their verdicts are recorded.
    func entryBlocker(_ item: SymbolPrediction, exiting: [String]) -> String? {
        let signal = config.signal
        if exiting.contains(item.symbol) { return "exiting" }
        if state.position(item.symbol) != nil { return "hold" }
        if config.strategy.isCrossingRule {
            return item.prediction.score >= signal.entryScoreMin ? nil : "no_entry:no_cross_up"
        }
        if item.regime != .trend { return "no_entry:regime_" + item.regime.rawValue }
        if item.prediction.score < signal.entryScoreMin { return "no_entry:score" }
        if item.prediction.expectedEdge < signal.expectedEdgeMin { return "no_entry:edge" }
        if item.features.marketBreadth < signal.breadthMin { return "no_entry:breadth" }
        return nil
    }

    /// `PositionSizer` on the symbol: risk from realised results, ATR stop, regime and breaker
    /// multipliers, rounded down to the lot. With governance off the breaker is not applied. In
    /// the `fixed_fraction` sizing mode: fraction × equity ÷ close, rounded down to the lot.
    func size(_ item: SymbolPrediction, close: FixedDecimal, equity: FixedDecimal) -> SizingResult {
        if case .fixedFraction(let fraction) = config.strategy.sizing {
            return SizingMode.fixedFractionSize(
                fraction: fraction, equityQuote: equity, priceQuote: close,
                lotDecimals: config.pair(item.symbol).lotDecimals,
                stopDistanceFraction: PositionSizer.stopDistanceFraction(
                    atrFraction: item.features.atrFraction, config: config.risk))
        }
        let input = SizingInput(
            equityQuote: equity, priceQuote: close, atrFraction: item.features.atrFraction, regime: item.regime,
            breakerLevel: config.governanceEnabled ? state.breaker.level : .normal,
            closedTrades: state.closedTrades, lotDecimals: config.pair(item.symbol).lotDecimals)
        return PositionSizer.size(input, config: config.risk)
    }

    func candidateFor(_ item: SymbolPrediction, _ sizing: SizingResult, _ close: FixedDecimal) -> OrderCandidate {
        let order = ProposedOrder(
            symbol: item.symbol, side: .buy, quantityBase: sizing.quantityBase, referencePriceQuote: close,
            isExit: false,
            expectedEdge: item.prediction.expectedEdge, confidence: item.prediction.confidence,
            stopDistanceFraction: sizing.stopDistanceFraction, reason: "signal:" + models.id)
        return OrderCandidate(
            order: order,
            atrFraction: FixedDecimal.fromDouble(item.features.atrFraction, decimals: 8, rounding: .up) ?? .zero,
            atrQuote: FixedDecimal.fromDouble(item.features.atr14, decimals: 8, rounding: .halfEven) ?? .zero,
            score: item.prediction.score, regime: item.regime)
    }
}
