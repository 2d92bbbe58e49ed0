extension HourStepper {
    /// Predicts every symbol with features, records the prediction with what was done about it,
    /// and sizes an entry where the signal passes: risk = equity × base risk; stop distance =
    /// stop ATR multiple × ATR/close; quantity = risk ÷ stop distance ÷ close, rounded down to the lot.
    mutating func proposeEntries(_ featureSet: FeatureSet, exiting: [String]) -> [OrderCandidate] {
        var candidates: [OrderCandidate] = []
        let equity = state.equityQuote
        for entry in featureSet.entries {
            guard let features = entry.features, let bar = bar(entry.symbol) else { continue }
            let context = SignalContext(hourTs: hourTs, symbol: entry.symbol, regime: entry.regime)
            let prediction = models.predict(features: features, context: context)
            var steps: [SizingStep] = []
            var action = entryBlocker(entry: entry, prediction: prediction, exiting: exiting) ?? "propose_entry"
            if action == "propose_entry" {
                let sized = size(features: features, close: bar.closePrice, equity: equity, symbol: entry.symbol, steps: &steps)
                if let candidate = sized.map({ quantity in candidateFor(entry.symbol, quantity, bar.closePrice, features, prediction) }) {
                    candidates.append(candidate)
                } else {
                    action = "no_entry:below_min_order"
                }
            }
            events.append(.predictionMade(PredictionMade(hourTs: hourTs, symbol: entry.symbol, modelId: models.id, regime: entry.regime.rawValue,
                                                         score: prediction.score, expectedEdge: prediction.expectedEdge,
                                                         confidence: prediction.confidence, action: action, sizingSteps: steps)))
        }
        return candidates
    }

    /// Why no entry is proposed (`hold`, `no_entry:…`), or nil when one is.
    func entryBlocker(entry: FeatureSet.Entry, prediction: Prediction, exiting: [String]) -> String? {
        let signal = config.signal
        if exiting.contains(entry.symbol) { return "exiting" }
        if state.position(entry.symbol) != nil { return "hold" }
        // The kill_switch rule (issue 4) will record these as BLOCK verdicts; until it exists the
        // cycle proposes no entry while the switch is tripped.
        if state.killSwitch.tripped { return "no_entry:kill_switch" }
        if entry.regime != .trend { return "no_entry:regime_" + entry.regime.rawValue }
        if prediction.score < signal.entryScoreMin { return "no_entry:score" }
        if prediction.expectedEdge < signal.expectedEdgeMin { return "no_entry:edge" }
        if (entry.features?.marketBreadth ?? 0) < signal.breadthMin { return "no_entry:breadth" }
        return nil
    }

    /// The entry quantity (nil below the pair's minimum), recording each step.
    func size(features: SymbolFeatures, close: FixedDecimal, equity: FixedDecimal, symbol: String, steps: inout [SizingStep]) -> FixedDecimal? {
        let pair = config.pair(symbol)
        let risk = equity.multiplied(by: config.baseRiskFraction, rounding: .down).rounded(decimals: config.quoteDecimals, .down)
        let stopDistance = config.exits.stopAtrMultiple.doubleValue * features.atrFraction
        steps.append(SizingStep("equity", .decimal(equity)))
        steps.append(SizingStep("base_risk_fraction", .decimal(config.baseRiskFraction)))
        steps.append(SizingStep("risk_quote", .decimal(risk)))
        steps.append(SizingStep("stop_distance_fraction", .number(stopDistance)))
        guard stopDistance > 0, close.isPositive else { return nil }
        let targetNotional = risk.doubleValue / stopDistance
        steps.append(SizingStep("target_notional", .number(targetNotional)))
        let quantity = FixedDecimal.fromDouble(targetNotional / close.doubleValue, decimals: pair.lotDecimals, rounding: .down) ?? .zero
        steps.append(SizingStep("quantity", .decimal(quantity)))
        return quantity >= pair.minOrderBase && quantity.isPositive ? quantity : nil
    }

    func candidateFor(_ symbol: String, _ quantity: FixedDecimal, _ close: FixedDecimal, _ features: SymbolFeatures, _ prediction: Prediction) -> OrderCandidate {
        let stopDistance = config.exits.stopAtrMultiple.doubleValue * features.atrFraction
        let order = ProposedOrder(symbol: symbol, side: .buy, quantityBase: quantity, referencePriceQuote: close, isExit: false,
                                  expectedEdge: prediction.expectedEdge, confidence: prediction.confidence,
                                  stopDistanceFraction: stopDistance, reason: "signal:" + models.id)
        return OrderCandidate(order: order, atrFraction: FixedDecimal.fromDouble(features.atrFraction, decimals: 8, rounding: .up) ?? .zero,
                              atrQuote: FixedDecimal.fromDouble(features.atr14, decimals: 8, rounding: .halfEven) ?? .zero, score: prediction.score)
    }
}
