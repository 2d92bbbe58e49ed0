/// The working values of one hour's cycle: the state being advanced and the events emitted so
/// far. Each step is a method (in the `HourStepper+…` files), called by `HourCycle.step` in order.
struct HourStepper {
    var state: EngineState
    let inputs: HourInputs
    let config: EngineConfig
    let models: ModelSet
    var events: [DomainEvent] = []
    var checks: [BarCheck] = []

    init(state: EngineState, inputs: HourInputs, config: EngineConfig, models: ModelSet) {
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

    /// Applies operator releases, then validates the bars and advances the feature windows.
    ///
    /// A release clears the kill switch. When the drawdown from peak is at or beyond the halt tier
    /// at release time, the release also re-bases the peak equity to the current equity: the
    /// operator has accepted the loss, and without the re-base the drawdown trigger would trip again
    /// in the same hour and the release could never take effect. Systemic trips are made later in
    /// the hour by `KillSwitchTrigger`, so a release cannot clear a trip this hour's data causes.
    mutating func applyReleasesAndChecks() {
        checks = BarCheck.checks(inputs: inputs, config: config)
        for release in inputs.releases {
            let peak = state.peakEquityQuote
            if state.killSwitch.tripped, peak.isPositive,
                peak - state.lastEquityQuote >= peak.multiplied(by: config.risk.drawdownHalt, rounding: .down)
            {
                state.peakEquityQuote = state.lastEquityQuote
            }
            state.killSwitch = KillSwitchState()
            events.append(.killSwitchReleased(release))
        }
        for index in state.windows.indices {
            if let bar = bar(state.windows[index].symbol) {
                state.windows[index].append(bar, windows: config.features)
            } else {
                state.windows[index].reset()
            }
        }
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

    /// Records the hour as done and checks the invariants.
    mutating func closeHour() {
        state.lastHourTs = hourTs
        state.lastEquityQuote = state.equityQuote
        state.assertInvariants()
    }
}
