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
        self.config = config
        self.models = models
    }

    var hourTs: UTCTimestamp { inputs.hourTs }

    /// The valid bar of `symbol` at H, if any.
    func bar(_ symbol: String) -> Bar? { checks.first { $0.symbol == symbol }?.bar }

    /// Posts the starting capital in the run's first hour and rolls the day over at 00:00 UTC.
    mutating func openHour() {
        if state.lastHourTs == nil {
            let posting = LedgerPosting.capital(postingId: nextPostingId(), hourTs: hourTs, amountQuote: config.initialCashQuote)
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

    /// Validates the bars, applies operator releases, then trips the kill switch when the data
    /// problem is systemic (a release cannot clear a trip made by this same hour's data).
    mutating func applyReleasesAndChecks() {
        checks = BarCheck.checks(inputs: inputs, config: config)
        for release in inputs.releases {
            state.killSwitch = KillSwitchState()
            events.append(.killSwitchReleased(release))
        }
        let problems = checks.filter { !$0.isValid }
        let share = FixedDecimal(Int64(problems.count)).divided(by: FixedDecimal(Int64(checks.count)), rounding: .halfEven)
        if share > config.limits.killSwitchMissingShare && !state.killSwitch.tripped {
            let detail = "\(problems.count) of \(checks.count) bars missing or invalid: " + problems.map { "\($0.symbol) \($0.problem ?? "")" }.joined(separator: "; ")
            state.killSwitch = KillSwitchState(tripped: true, reason: "data_integrity", tripHourTs: hourTs)
            events.append(.killSwitchTripped(KillSwitchTripped(hourTs: hourTs, reason: "data_integrity", detail: detail)))
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
