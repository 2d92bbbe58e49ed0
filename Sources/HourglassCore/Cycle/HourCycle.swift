/// The hourly cycle as a pure reducer: state(H−1) + inputs(H) → state(H) + events(H).
///
/// No I/O, clock, unseeded randomness or hash-order dependence: the same arguments give the same
/// bytes. Steps, in order (DESIGN §6): roll the day → apply operator releases (before anything
/// of H is judged, so a release cannot clear a trip this same hour's data causes) → validate bars
/// → fill the orders decided at H−1 at H's open → mark to market at H's close → features →
/// predictions → governance prelude (circuit breaker `CircuitBreaker.next`, kill-switch trips from
/// `KillSwitchTrigger`, recorded as `KillSwitchTripped`) → exits (`ExitPolicy`) → entries sized by
/// `PositionSizer` → a verdict per proposed order from every rule of `RuleBook` → orders (pending,
/// filling at H+1's open) → state hash → manifest. Ledger postings are made with each fill.
public enum HourCycle {
    /// The engine version recorded in `RunStarted` and every manifest. Bump it whenever the same
    /// inputs would produce different events.
    public static let engineVersion = "hourglass-core 0.7.0"

    /// Starts a run: its initial state and the `RunStarted` event to append first.
    ///
    /// The feature windows are warmed up from `warmUpBars`, the universe's bars of
    /// `RunWarmUp.range` (sorted by open time, then symbol; fewer at the very start of the data),
    /// so the first hour already has full windows; `RunStarted.warmUp` records which bars they were.
    public static func start(
        run: RunContext, config: EngineConfig, models: ModelSet, startHour: UTCTimestamp, warmUpBars: [Bar] = []
    ) -> (EngineState, RunStarted) {
        let state = initialState(config: config, startHour: startHour, warmUpBars: warmUpBars)
        let started = RunStarted(
            runId: run.runId, accountId: run.accountId, runMode: run.runMode, startHourTs: startHour,
            engineVersion: engineVersion, configBytes: config.canonicalBytes, configSha256: config.sha256,
            modelSetId: models.id, modelSetSha256: models.sha256,
            warmUp: RunWarmUp.of(bars: warmUpBars, config: config, startHour: startHour))
        return (state, started)
    }

    /// The state a run starts from: `EngineState.initial` with its windows warmed up from
    /// `warmUpBars` (as `start` builds it; replay calls this with the recorded warm-up bars).
    public static func initialState(config: EngineConfig, startHour: UTCTimestamp, warmUpBars: [Bar]) -> EngineState {
        var state = EngineState.initial(config: config, startHourTs: startHour)
        state.windows = RunWarmUp.windows(bars: warmUpBars, config: config, startHour: startHour)
        return state
    }

    /// Executes hour `inputs.hourTs`. Traps unless it is the hour after `state.lastHourTs` (or the
    /// start hour for a fresh state) and the bars are sorted, unique and open at that hour.
    ///
    /// - Parameter prevStateSha256: `state.sha256` when the caller already knows it (the previous
    ///   hour's `manifest.stateSha256`, or a snapshot's checked hash), which saves encoding and
    ///   hashing the whole state once more; nil computes it. A wrong value would put a wrong
    ///   `prev_state_sha256` in the manifest, so debug builds check it.
    /// - Parameter configSha256: `config.sha256` when the caller knows it (the run's
    ///   `RunStarted.configSha256`), which saves encoding and hashing the configuration every
    ///   hour; nil computes it. Debug builds check it too.
    ///
    /// `state` is consumed: a caller that passes its last use of it (`consume state`, as replay
    /// does) lets the hour advance the windows in place instead of copying them on write.
    public static func step(
        state: consuming EngineState, inputs: HourInputs, config: EngineConfig, models: ModelSet, run: RunContext,
        prevStateSha256: Hash256? = nil, configSha256: Hash256? = nil
    ) -> HourResult {
        let expected = state.lastHourTs.map { $0.adding(hours: 1) } ?? state.startHourTs
        precondition(
            inputs.hourTs == expected, "hour \(inputs.hourTs) is not the next hour of the run (expected \(expected))")
        // Compared symbol by symbol: no array of symbols (nor copies of the windows) every hour.
        var sameUniverse = state.windows.count == config.universe.count
        for index in config.universe.indices where sameUniverse {
            sameUniverse = state.windows[index].symbol == config.universe[index]
        }
        precondition(sameUniverse, "the state's universe differs from the configuration's")
        precondition(
            inputs.modelsTrained.isEmpty
                || inputs.modelsTrained.map { ModelArtifactReference(kind: $0.kind, sha256: $0.artifactSha256) }
                    == models.ensemble?.artifactReferences,
            "the model set does not hold the artifacts this hour's ModelTrained inputs name")
        assert(
            prevStateSha256 == nil || prevStateSha256 == state.sha256,
            "prevStateSha256 is not the hash of the given state")
        assert(
            configSha256 == nil || configSha256 == config.sha256,
            "configSha256 is not the hash of the given configuration")
        let prevStateSha = prevStateSha256 ?? state.sha256
        var stepper = HourStepper(state: consume state, inputs: inputs, config: config, models: models)
        stepper.openHour()
        stepper.applyReleasesAndChecks(runMode: run.runMode)
        stepper.applyFills()
        stepper.markToMarket()
        let featureSet = stepper.computeFeatures()
        let predictions = stepper.predict(featureSet)
        var context = stepper.governanceContext(featureSet)
        stepper.updateBreakerAndKillSwitch(&context)
        let exits = stepper.proposeExits(featureSet, predictions: predictions)
        let entries = stepper.proposeEntries(featureSet, predictions: predictions, exiting: exits.map(\.order.symbol))
        let verdicts = stepper.judgeAndPlace(exits: exits, entries: entries, context: context)
        stepper.closeHour()
        return stepper.finish(
            run: run, configSha256: configSha256 ?? config.sha256, prevStateSha256: prevStateSha, verdicts: verdicts)
    }
}
