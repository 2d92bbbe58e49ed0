extension HourStepper {
    /// The governance prelude of hour H: the circuit breaker's next level, then the kill-switch
    /// trips found by `KillSwitchTrigger` (each recorded as `KillSwitchTripped` when the switch was
    /// not already tripped). Both land in `context` for the rules. With governance off neither runs.
    mutating func updateBreakerAndKillSwitch(_ context: inout GovernanceContext) {
        guard config.governanceEnabled else { return }
        let inputs = CircuitBreakerInputs.measure(context: context, config: config.risk)
        state.breaker = CircuitBreaker.next(state: state.breaker, inputs: inputs, config: config.risk).state
        context.breakerState = state.breaker.level.rawValue
        if !state.killSwitch.tripped {
            let trips =
                KillSwitchTrigger.evaluate(context: context, config: config.risk)
                + self.inputs.exchange.alarms.map(\.trip)
            if let first = trips.first {
                state.killSwitch = KillSwitchState(tripped: true, reason: first.reason, tripHourTs: hourTs)
            }
            for trip in trips {
                events.append(
                    .killSwitchTripped(
                        KillSwitchTripped(
                            hourTs: hourTs, reason: trip.reason,
                            detail: trip.detail + " (measured \(trip.measured), threshold \(trip.threshold))")))
            }
        }
        context.killSwitchTripped = state.killSwitch.tripped
        context.killSwitchReason = state.killSwitch.reason
    }

    /// Judges exits (by symbol) then entries (strongest score first, then symbol) with every rule,
    /// records each verdict, and places every approved quantity as an order filling at H+1's open.
    /// The context is updated after each approval, so later orders see the cash, exposure, position
    /// count and entry counts taken.
    mutating func judgeAndPlace(exits: [OrderCandidate], entries: [OrderCandidate], context initial: GovernanceContext)
        -> [GovernanceVerdict]
    {
        var context = initial
        let ordered =
            exits + entries.sorted { $0.score != $1.score ? $0.score > $1.score : $0.order.symbol < $1.order.symbol }
        var verdicts: [GovernanceVerdict] = []
        state.entriesLastHour = 0
        // Most hours propose nothing: the book (22 rules built from the config) is only built when judging.
        guard !ordered.isEmpty else { return verdicts }
        let book = RuleBook(config: config)
        for candidate in ordered {
            let verdict = book.judge(candidate.order, context: context)
            verdicts.append(verdict)
            events.append(.verdictRecorded(VerdictRecorded(hourTs: hourTs, verdict: verdict)))
            guard verdict.approvedQuantityBase.isPositive else { continue }
            precondition(verdict.decision != .block, "a blocked verdict approved a quantity")
            let order = PendingOrder(
                orderId: nextOrderId(), symbol: candidate.order.symbol, side: candidate.order.side,
                quantityBase: verdict.approvedQuantityBase, decidedHourTs: hourTs,
                referencePriceQuote: candidate.order.referencePriceQuote, atrFraction: candidate.atrFraction,
                atrQuote: candidate.atrQuote, isExit: candidate.order.isExit, reason: candidate.order.reason)
            state.pendingOrders.append(order)
            events.append(.orderPlaced(OrderPlaced(order: order)))
            if order.side == .buy {
                state.entriesToday += 1
                state.entriesLastHour += 1
                if let index = state.memos.firstIndex(where: { $0.symbol == order.symbol }) {
                    state.memos[index].pendingEntryRegime = candidate.regime
                }
            }
            apply(order, to: &context)
        }
        return verdicts
    }

    /// What an approved order takes from the context: cash for buys, the entry counts, and the
    /// position change (so position count, exposure and clusters include this hour's approvals).
    func apply(_ order: PendingOrder, to context: inout GovernanceContext) {
        let price = order.referencePriceQuote
        if order.side == .buy {
            context.freeCashQuote -= config.buyCostQuote(quantityBase: order.quantityBase, priceQuote: price)
            context.entriesThisHour += 1
            context.entriesToday += 1
        }
        let current = context.position(order.symbol)
        let held = current?.quantityBase ?? .zero
        let after = order.side == .buy ? held + order.quantityBase : held - order.quantityBase
        let mark = current?.markPriceQuote ?? price
        let view = PositionView(
            symbol: order.symbol, quantityBase: after, markPriceQuote: mark,
            valueQuote: after.multiplied(by: mark, rounding: .halfEven), openedTs: current?.openedTs ?? hourTs)
        context.positions.removeAll { $0.symbol == order.symbol }
        if after.isPositive {
            let index = context.positions.firstIndex { $0.symbol > order.symbol } ?? context.positions.count
            context.positions.insert(view, at: index)
        }
    }

    /// The rules' view of the account and the market at H's close. The breaker level and the kill
    /// switch are those carried from H−1 until `updateBreakerAndKillSwitch` refreshes them.
    func governanceContext(_ featureSet: FeatureSet) -> GovernanceContext {
        let positions = state.positions.map {
            PositionView(
                symbol: $0.symbol, quantityBase: $0.quantityBase, markPriceQuote: $0.markPriceQuote,
                valueQuote: $0.valueQuote,
                openedTs: $0.entryHourTs)
        }
        let markets = checks.map { check in
            let entry = featureSet.entry(check.symbol)
            let pair = config.pair(check.symbol)
            let memo = state.memo(check.symbol)
            return MarketView(
                symbol: check.symbol, barValid: check.isValid, barProblem: check.problem,
                lastPriceQuote: check.bar?.closePrice,
                historyBars: entry?.historyBars ?? 0, features: entry?.features, regime: entry?.regime ?? .unknown,
                lotDecimals: pair.lotDecimals, minOrderBase: pair.minOrderBase, lastExitTs: memo?.lastExitTs,
                lastStopOutTs: memo?.lastStopOutTs, tickerSpreadRatio: tickerSpreadRatio(check.symbol, entry?.features))
        }
        let missing = checks.filter { !$0.isValid }.count
        return GovernanceContext(
            hourTs: hourTs, freeCashQuote: state.cashQuote, equityQuote: state.equityQuote,
            peakEquityQuote: state.peakEquityQuote,
            dayOpenEquityQuote: state.dayOpenEquityQuote, positions: positions, markets: markets,
            correlations: featureSet.correlations,
            closedTrades: state.closedTrades, entriesThisHour: 0, entriesToday: state.entriesToday,
            killSwitchTripped: state.killSwitch.tripped, killSwitchReason: state.killSwitch.reason,
            breakerState: state.breaker.level.rawValue,
            missingBarShare: checks.isEmpty ? 0 : Double(missing) / Double(checks.count))
    }
}
