extension HourStepper {
    /// Checks each held position with a valid bar against its stop, target and time limit at
    /// H's close; every exit is recorded and proposed as a sell of the whole holding.
    mutating func proposeExits(_ featureSet: FeatureSet) -> [OrderCandidate] {
        var candidates: [OrderCandidate] = []
        for position in state.positions {
            guard let bar = bar(position.symbol) else { continue }
            let close = bar.closePrice
            let heldHours = (hourTs.secondsSinceEpoch - position.entryHourTs.secondsSinceEpoch) / UTCTimestamp.secondsPerHour
            let reason: String
            let trigger: FixedDecimal?
            if close <= position.stopPriceQuote {
                (reason, trigger) = ("stop_loss", position.stopPriceQuote)
            } else if close >= position.takeProfitPriceQuote {
                (reason, trigger) = ("take_profit", position.takeProfitPriceQuote)
            } else if heldHours >= Int64(config.exits.maxHoldingHours) {
                (reason, trigger) = ("time_limit", nil)
            } else {
                continue
            }
            events.append(.exitTriggered(ExitTriggered(hourTs: hourTs, symbol: position.symbol, reason: reason, closePriceQuote: close,
                                                       triggerPriceQuote: trigger, quantityBase: position.quantityBase)))
            let atrFraction = featureSet.entry(position.symbol)?.features.flatMap { FixedDecimal.fromDouble($0.atrFraction, decimals: 8, rounding: .up) }
                ?? position.entryAtrQuote.divided(by: close, rounding: .up).rounded(decimals: 8, .up)
            let order = ProposedOrder(symbol: position.symbol, side: .sell, quantityBase: position.quantityBase, referencePriceQuote: close,
                                      isExit: true, expectedEdge: 0, confidence: 1, stopDistanceFraction: 0, reason: "exit:" + reason)
            candidates.append(OrderCandidate(order: order, atrFraction: atrFraction, atrQuote: position.entryAtrQuote, score: 0))
        }
        return candidates
    }
}
