extension HourStepper {
    /// Asks `ExitPolicy` about each held position with a valid bar at H's close (stop loss,
    /// trailing stop, take profit, thesis invalidation, regime change, time limit); every exit is
    /// recorded with its reason and proposed as a sell of the whole holding.
    ///
    /// A whole-position exit is always allowed by `min_order`, even when the holding is below the
    /// pair's minimum (dust): an exit that can never be placed would leave risk on forever.
    ///
    /// With a crossing rule (`StrategyConfig.isCrossingRule`) the rule alone exits: a position
    /// is sold when its prediction's score is at or below −`entryScoreMin` (a cross down).
    mutating func proposeExits(_ featureSet: FeatureSet, predictions: [SymbolPrediction]) -> [OrderCandidate] {
        var candidates: [OrderCandidate] = []
        for position in state.positions {
            guard let bar = bar(position.symbol) else { continue }
            let close = bar.closePrice
            let regime = featureSet.entry(position.symbol)?.regime ?? .unknown
            let input = ExitInput(
                symbol: position.symbol, entryPriceQuote: position.entryPriceQuote,
                entryATRQuote: position.entryAtrQuote.doubleValue, highestCloseQuote: position.highestCloseQuote,
                entryTs: position.entryHourTs, entryRegime: position.entryRegime, currentTs: hourTs,
                currentCloseQuote: close, currentRegime: regime,
                currentExpectedEdge: predictions.first { $0.symbol == position.symbol }?.prediction.expectedEdge)
            let decision =
                config.strategy.isCrossingRule
                ? signalExit(predictions.first { $0.symbol == position.symbol }?.prediction.score)
                : ExitPolicy.evaluate(input, config: config.risk)
            guard let decision else { continue }
            var trigger: FixedDecimal? = nil
            if case .decimal(let level) = decision.threshold { trigger = level }
            events.append(
                .exitTriggered(
                    ExitTriggered(
                        hourTs: hourTs, symbol: position.symbol, reason: decision.reason.rawValue,
                        closePriceQuote: close, triggerPriceQuote: trigger, quantityBase: position.quantityBase)))
            let atrFraction =
                featureSet.entry(position.symbol)?.features.flatMap {
                    FixedDecimal.fromDouble($0.atrFraction, decimals: 8, rounding: .up)
                }
                ?? position.entryAtrQuote.divided(by: close, rounding: .up).rounded(decimals: 8, .up)
            let order = ProposedOrder(
                symbol: position.symbol, side: .sell, quantityBase: position.quantityBase, referencePriceQuote: close,
                isExit: true, expectedEdge: 0, confidence: 1, stopDistanceFraction: 0,
                reason: decision.reason.orderReason)
            candidates.append(
                OrderCandidate(order: order, atrFraction: atrFraction, atrQuote: position.entryAtrQuote, score: 0))
        }
        return candidates
    }

    /// The crossing rule's exit: a score at or below −`entryScoreMin`.
    func signalExit(_ score: Double?) -> ExitDecision? {
        let threshold = -config.signal.entryScoreMin
        guard let score, score <= threshold else { return nil }
        return ExitDecision(
            reason: .signal, measured: .number(score), threshold: .number(threshold),
            detail: "\(models.id) score \(score) at or below \(threshold)")
    }
}
