import HourglassCore

/// What executing a window did so far (also passed to the progress callback after each hour).
public struct WindowExecution: Sendable {
    /// Hours in the window.
    public var hours: Int64
    /// Hours this call executed.
    public var executed: Int
    /// Hours that were already done (skipped).
    public var alreadyDone: Int
    /// Events appended.
    public var events: Int
    /// The manifest of the last hour this call executed.
    public var lastManifest: HourManifest?
    /// Ensemble retrainings this call performed, and their seconds (part of the elapsed time).
    public var retrainings = 0
    public var trainingSeconds: Double = 0
}

/// Executes a range of hours of one run in order, carrying the state from hour to hour; the twin
/// of `WindowReplayer`. Each hour commits in its own transaction, or in BACKTEST with
/// `backtestBatchHours > 1` in batches (each one transaction, committed on a thread of its own
/// while the next batch is stepped); the window's last hour is in the log when `run` returns.
///
/// Re-running the same window after a crash resumes it: a run's hours are contiguous from its
/// start (an hour needs the one before it), so every hour of the range up to the run's last
/// executed hour is done and is skipped in one step instead of asking about each done hour.
public struct WindowExecutor {
    let runner: CycleRunner
    let run: RunRecord

    /// Creates an executor for `run`.
    public init(runner: CycleRunner, run: RunRecord) {
        self.runner = runner
        self.run = run
    }

    /// Executes `start...end` (the last hour always gets a snapshot); `onHour` sees the running
    /// totals after each hour. Throws `RunStoreError.previousHourMissing` when the run has a gap
    /// before `start`.
    public func run(
        from start: UTCTimestamp, through end: UTCTimestamp,
        onHour: (WindowExecution, UTCTimestamp) -> Void = { _, _ in }
    ) throws -> WindowExecution {
        precondition(start <= end, "a window ends at or after its start")
        var totals = WindowExecution(
            hours: (end.secondsSinceEpoch - start.secondsSinceEpoch) / 3600 + 1, executed: 0,
            alreadyDone: 0, events: 0, lastManifest: nil)
        var carried: EngineState? = nil
        var hour = start
        let (retrainingsBefore, trainingSecondsBefore) = (runner.training.retrainings, runner.training.seconds)
        if start >= run.startHourTs, let lastDone = try runner.store.lastExecutedHour(runId: run.context.runId),
            lastDone >= start
        {
            let skipTo = min(lastDone, end)
            totals.alreadyDone = Int((skipTo.secondsSinceEpoch - start.secondsSinceEpoch) / 3600 + 1)
            hour = skipTo.adding(hours: 1)
        }
        while hour <= end {
            let (outcome, state): (ExecuteOutcome, EngineState?)
            // The carried state is handed over, not shared, so the reducer need not copy its windows.
            let carriedSha256 = carried == nil ? nil : totals.lastManifest?.stateSha256
            let handed = carried
            carried = nil
            do {
                (outcome, state) = try runner.executeHour(
                    run: run, hourTs: hour, carried: consume handed, carriedSha256: carriedSha256,
                    forceSnapshot: hour == end)
            } catch {
                // No batch commits after the window has failed (one in flight ends first, whole).
                runner.abandonPendingHours()
                throw error
            }
            switch outcome {
            case .executed(let manifest, _, let count):
                totals.executed += 1
                totals.events += count
                totals.lastManifest = manifest
                carried = state
            case .alreadyDone:
                totals.alreadyDone += 1
                carried = nil
            }
            totals.retrainings = runner.training.retrainings - retrainingsBefore
            totals.trainingSeconds = runner.training.seconds - trainingSecondsBefore
            onHour(totals, hour)
            hour = hour.adding(hours: 1)
        }
        return totals
    }
}
