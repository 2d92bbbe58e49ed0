import HourglassCore

/// Re-runs a run's executed hours in memory with governance off, and compares the two equity
/// curves (`PerformanceMetrics` on both), to show what governance cost or saved.
///
/// The shadow side reads exactly the inputs the run consumed, with the run's config but
/// `governanceEnabled = false`; nothing is appended. The governed side is the run's stored
/// equity curve. Both start from the initial cash.
public struct ShadowRun {
    let runner: CycleRunner
    let run: RunRecord

    /// Creates a shadow run of `run`.
    public init(runner: CycleRunner, run: RunRecord) {
        self.runner = runner
        self.run = run
    }

    /// Re-runs every executed hour; `onHour` receives (hours done, hours in all) after each.
    public func compare(onHour: (Int, Int) -> Void = { _, _ in }) throws -> ShadowComparison {
        let runId = run.context.runId
        guard let last = try runner.store.lastExecutedHour(runId: runId) else {
            throw RunResolutionError.noExecutedHour(runId: runId)
        }
        let governed = try runner.store.equityCurve(runId: runId).filter {
            $0.hourTs >= run.startHourTs && $0.hourTs <= last
        }
        var config = run.config
        config.governanceEnabled = false
        _ = try runner.models(for: run)
        var state = try runner.initialState(run: run)
        var ungoverned: [EquityPoint] = []
        ungoverned.reserveCapacity(governed.count)
        for (index, point) in governed.enumerated() {
            let inputs = try runner.store.inputsForReplay(runId: runId, hourTs: point.hourTs)
            let hourModels = try runner.models(for: run, hourTs: point.hourTs, inputs: inputs)
            state =
                HourCycle.step(state: state, inputs: inputs, config: config, models: hourModels, run: run.context)
                .state
            ungoverned.append(
                EquityPoint(hourTs: point.hourTs, equityQuote: state.equityQuote, openPositions: state.positions.count))
            onHour(index + 1, governed.count)
        }
        func performance(_ curve: [EquityPoint]) -> ShadowComparison.RunPerformance {
            ShadowComparison.RunPerformance(
                PerformanceMetrics.compute(
                    initialEquityQuote: run.config.initialCashQuote,
                    equityCurve: curve, trades: [], feesPaidQuote: .zero))
        }
        return ShadowComparison(withGovernance: performance(governed), withoutGovernance: performance(ungoverned))
    }
}
