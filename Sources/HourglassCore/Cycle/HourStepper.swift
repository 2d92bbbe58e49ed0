/// The working values of one hour's cycle: the state being advanced and the events emitted so
/// far. Each step is a method (in the `HourStepper+…` files), called by `HourCycle.step` in order.
struct HourStepper {
    var state: EngineState
    let inputs: HourInputs
    let config: EngineConfig
    let models: ModelSet
    var events: [DomainEvent] = []
    var checks: [BarCheck] = []

    init(state: consuming EngineState, inputs: HourInputs, config: EngineConfig, models: ModelSet) {
        self.state = state
        self.inputs = inputs
        self.config = Self.applying(inputs.exchange.pairRules, to: config)
        self.models = models
    }

    /// `config` with the pair rules the exchange published at H in place of the configured ones
    /// (PAPER/LIVE); unchanged when none were recorded (BACKTEST).
    static func applying(_ recorded: PairRulesRecorded?, to config: EngineConfig) -> EngineConfig {
        guard let recorded else { return config }
        var effective = config
        effective.pairs = config.pairs.map { pair in recorded.rules.first { $0.symbol == pair.symbol }?.pairRule ?? pair
        }
        return effective
    }

    var hourTs: UTCTimestamp { inputs.hourTs }

    /// The valid bar of `symbol` at H, if any.
    func bar(_ symbol: String) -> Bar? { checks.first { $0.symbol == symbol }?.bar }

    /// Posts the starting capital in the run's first hour and rolls the day over at 00:00 UTC.
    mutating func openHour() {
        if state.lastHourTs == nil {
            let posting = LedgerPosting.capital(
                postingId: nextPostingId(), hourTs: hourTs, amountQuote: config.initialCashQuote)
            state.ledger.apply(posting)
            state.cashQuote = config.initialCashQuote
            events.append(.ledgerPosted(LedgerPosted(posting: posting)))
        }
        if state.dayStartTs != hourTs.startOfDay {
            state.dayStartTs = hourTs.startOfDay
            state.dayOpenEquityQuote = state.lastEquityQuote
            state.entriesToday = 0
        }
    }

    /// Applies operator releases, then (BACKTEST only) the release policy's simulated one, then
    /// validates the bars and advances the feature windows (carrying short gaps forward).
    ///
    /// A release clears the kill switch. When the drawdown from peak is at or beyond the halt tier
    /// at release time, the release also re-bases the peak equity to the current equity: the
    /// operator has accepted the loss, and without the re-base the drawdown trigger would trip again
    /// in the same hour and the release could never take effect. Systemic trips are made later in
    /// the hour by `KillSwitchTrigger`, so a release cannot clear a trip this hour's data causes.
    /// The policy's release (`RiskConfig.backtestReleaseAfterHours` after the trip) takes the same
    /// path and is an output event of the hour; PAPER and LIVE never make one.
    mutating func applyReleasesAndChecks(runMode: RunMode) {
        checks = BarCheck.checks(inputs: inputs, config: config)
        for release in inputs.releases { applyRelease(release) }
        if runMode == .backtest,
            let release = state.killSwitch.backtestRelease(
                at: hourTs, afterHours: config.risk.backtestReleaseAfterHours)
        {
            applyRelease(release)
        }
        advanceWindows()
    }

    /// Advances every feature window to H under the gap policy, recording each carried bar.
    mutating func advanceWindows() {
        for index in state.windows.indices {
            let symbol = state.windows[index].symbol
            let check = checks.first { $0.symbol == symbol }
            if let close = state.windows[index].advance(
                to: hourTs, bar: check?.bar, missing: check?.isMissing ?? true, windows: config.features)
            {
                events.append(
                    .barCarriedForward(
                        BarCarriedForward(
                            hourTs: hourTs, symbol: symbol, closePriceQuote: close,
                            carriedHours: state.windows[index].carriedHours)))
            }
        }
    }

    /// Clears the kill switch (re-basing the peak past the halt tier) and records the release.
    mutating func applyRelease(_ release: KillSwitchReleased) {
        let peak = state.peakEquityQuote
        if state.killSwitch.tripped, peak.isPositive,
            peak - state.lastEquityQuote >= peak.multiplied(by: config.risk.drawdownHalt, rounding: .down)
        {
            state.peakEquityQuote = state.lastEquityQuote
        }
        state.killSwitch = KillSwitchState()
        events.append(.killSwitchReleased(release))
    }

    /// Marks positions at H's close (positions without a valid bar keep their last mark) and
    /// updates the peak equity.
    mutating func markToMarket() {
        for index in state.positions.indices {
            guard let bar = bar(state.positions[index].symbol) else { continue }
            state.positions[index].markPriceQuote = bar.closePrice
            state.positions[index].highestCloseQuote = max(state.positions[index].highestCloseQuote, bar.closePrice)
        }
        state.peakEquityQuote = max(state.peakEquityQuote, state.equityQuote)
    }

    /// Features and regimes of every symbol from the windows (bars up to H only).
    func computeFeatures() -> FeatureSet {
        FeatureEngine(config: config).compute(hourTs: hourTs, windows: state.windows)
    }

    mutating func nextPostingId() -> UInt64 {
        defer { state.nextPostingId += 1 }
        return state.nextPostingId
    }

    mutating func nextOrderId() -> UInt64 {
        defer { state.nextOrderId += 1 }
        return state.nextOrderId
    }

    /// Records the hour as done, checks the invariants and computes the hash caches (`refreshHashCaches`).
    mutating func closeHour() {
        state.lastHourTs = hourTs
        state.lastEquityQuote = state.equityQuote
        state.assertInvariants()
        state.refreshHashCaches()
    }
}
