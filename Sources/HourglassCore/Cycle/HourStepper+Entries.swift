/// The model set's prediction for one symbol with features at H, and its regime.
struct SymbolPrediction {
    var symbol: String
    var regime: Regime
    var features: SymbolFeatures
    var prediction: Prediction
    /// The ensemble's inputs and outputs (ensemble sets with a trained ensemble only).
    var model: ModelPrediction? = nil
    /// Why the ensemble proposes no entry (`no_entry:meta`, `no_entry:untrained`, `no_entry:warming_up`,
    /// `no_entry:model_error`), or nil.
    var modelBlocker: String? = nil
}

extension HourStepper {
    /// Predicts every symbol that has features at H (bars up to H only), in symbol order. An ensemble set
    /// first appends the hour's rows to the state's sequence windows, then scores every symbol in one batch.
    mutating func predict(_ featureSet: FeatureSet) -> [SymbolPrediction] {
        if models.usesEnsemble { return predictWithEnsemble(featureSet) }
        return featureSet.entries.compactMap { entry in
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
        let modelId = predictions.isEmpty ? "" : models.id
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
                        hourTs: hourTs, symbol: item.symbol, modelId: modelId, regime: item.regime,
                        score: prediction.score, expectedEdge: prediction.expectedEdge,
                        confidence: prediction.confidence, action: action, sizingSteps: steps,
                        model: item.model)))
        }
        return candidates
    }

    /// Why the strategy proposes no entry (`hold`, `exiting`, `no_entry:…`), or nil when it does.
    /// Risk limits are not checked here: they are rules, and their verdicts are recorded.
    func entryBlocker(_ item: SymbolPrediction, exiting: [String]) -> String? {
        let signal = config.signal
        if exiting.contains(item.symbol) { return "exiting" }
        if state.position(item.symbol) != nil { return "hold" }
        if models.usesEnsemble { return item.modelBlocker }
        if config.strategy.isCrossingRule {
            return item.prediction.score >= signal.entryScoreMin ? nil : "no_entry:no_cross_up"
        }
        if item.regime != .trend { return "no_entry:regime_" + item.regime.rawValue }
        if item.prediction.score < signal.entryScoreMin { return "no_entry:score" }
        if item.prediction.expectedEdge < signal.expectedEdgeMin { return "no_entry:edge" }
        if item.features.marketBreadth < signal.breadthMin { return "no_entry:breadth" }
        return nil
    }

    /// The ensemble's predictions: rows of the symbols with features and a valid bar, appended to the
    /// sequence windows; then one batch through the trained ensemble. The meta-learner alone decides:
    /// score = 2p − 1, confidence = p (what `signal_quality` judges), expected edge = the net edge plus the
    /// round-trip fee it subtracted (what `fee_hurdle` judges against the configured costs). With no trained
    /// ensemble, or a symbol whose window is not full yet, the prediction is flat and no entry is proposed.
    mutating func predictWithEnsemble(_ featureSet: FeatureSet) -> [SymbolPrediction] {
        // Trust step 1 (ThompsonTrust): the calls of H − 24h meet the closes of H, every hour.
        let hourChecks = checks
        let now = hourTs
        state.trust?.advance(to: now) { symbol in hourChecks.first { $0.symbol == symbol }?.bar?.closePrice }
        let symbols = featureSet.entries.filter { $0.features != nil && bar($0.symbol) != nil }.map(\.symbol)
        let rows = EnsembleFeatures.rows(
            hourTs: hourTs, featureSet: featureSet, windows: state.windows, config: config, symbols: symbols)
        for row in rows {
            if let index = state.sequenceRows.firstIndex(where: { $0.symbol == row.symbol }) {
                state.sequenceRows[index].append(row)
            }
        }
        var out = rows.map { row -> SymbolPrediction in
            let entry = featureSet.entry(row.symbol)!
            return SymbolPrediction(
                symbol: row.symbol, regime: entry.regime, features: entry.features!,
                prediction: Prediction(symbol: row.symbol, score: 0, expectedEdge: 0, confidence: 0),
                modelBlocker: "no_entry:untrained")
        }
        guard let ensemble = models.ensemble else { return out }
        let steps = ensemble.sequenceStepCount
        var inputs: [EnsembleInput] = []
        var scored: [Int] = []
        for (index, row) in rows.enumerated() {
            let window = steps == 0 ? [] : state.sequenceRows.first { $0.symbol == row.symbol }?.window(steps: steps)
            guard let window, steps == 0 || !window.isEmpty else {
                out[index].modelBlocker = "no_entry:warming_up"
                continue
            }
            inputs.append(EnsembleInput(row: row, window: window))
            scored.append(index)
        }
        guard !inputs.isEmpty else { return out }
        let kinds = ensemble.baseKindNames
        let trust =
            ensemble.usesTrustWeights
            ? (state.trust ?? ThompsonTrust()).draws(kinds: kinds, runSeed: config.runSeed, hourTs: hourTs) : nil
        guard let outputs = ensemble.predictHour(inputs, trustWeights: trust?.weights ?? []),
            outputs.count == inputs.count
        else {
            for index in scored { out[index].modelBlocker = "no_entry:model_error" }
            return out
        }
        for (index, output) in zip(scored, outputs) {
            let p = output.metaProbability
            out[index].prediction = Prediction(
                symbol: rows[index].symbol, score: 2 * p - 1, expectedEdge: output.netEdge + output.roundTripFeeRate,
                confidence: p)
            let features = rows[index].values  // determinism: ordered (an array)
            out[index].model = ModelPrediction(
                features: features, ensembleSha256: ensemble.ensembleSha256,
                artifacts: ensemble.artifactReferences, baseProbabilities: output.baseProbabilities,
                metaProbability: p, netEdge: output.netEdge, trade: output.trade, trust: trust)
            out[index].modelBlocker = output.trade ? nil : "no_entry:meta"
        }
        // Trust step 3: every scored symbol's base calls wait for their outcome at H + 24h.
        let calls = zip(scored, outputs).compactMap { index, output -> TrustCallHour.Call? in
            guard let close = bar(rows[index].symbol)?.closePrice else { return nil }
            return TrustCallHour.Call(
                symbol: rows[index].symbol, entryCloseQuote: close,
                up: output.baseProbabilities.map(TrustCallHour.Call.isUp))
        }
        let hourCalls = TrustCallHour(hourTs: hourTs, kinds: kinds, calls: calls)
        state.trust?.record(hourCalls)
        return out
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
