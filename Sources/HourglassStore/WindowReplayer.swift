import HourglassCore

/// The result of replaying a range of hours.
public struct WindowReplayReport: Sendable {
    /// Hours that matched before the first divergence (all of them when none).
    public var hoursMatched: Int
    /// Events verified: each matched hour's stored output events and its input events.
    public var eventsVerified: Int
    /// The first divergence, if any.
    public var divergence: ReplayDivergence?
    /// State hash after the last matched hour.
    public var lastStateSha256: String?
    /// Seconds spent in the pure reducer (`HourCycle.step`) alone, for the bench.
    public var reducerSeconds: Double = 0
    /// Bytes the matched hours' state hashes committed to, when counted (`countsCommitment`).
    public var stateCommitmentBytes: Int?
}

/// Replays a range of hours of one run, carrying the replayed state from hour to hour.
public struct WindowReplayer {
    let runner: CycleRunner
    let run: RunRecord
    let countsCommitment: Bool

    /// Creates a replayer for `run`; `countsCommitment` also sums the bytes each matched hour's state
    /// hash commits to (outside the timed reducer, but it slows the replay).
    public init(runner: CycleRunner, run: RunRecord, countsCommitment: Bool = false) {
        self.runner = runner
        self.run = run
        self.countsCommitment = countsCommitment
    }

    /// Replays `start...end`; `onHour` receives each matched hour's manifest text and running totals.
    public func replay(
        from start: UTCTimestamp, through end: UTCTimestamp, fromGenesis: Bool,
        onHour: (String, Int, Int) -> Void
    ) throws -> WindowReplayReport {
        _ = try runner.models(for: run)
        let state: EngineState
        let stateSha256: Hash256? = nil
        let hour: UTCTimestamp
        do {
            if fromGenesis {
                state = try runner.initialState(run: run)
                hour = run.startHourTs
            } else {
                state = try runner.stateBefore(run: run, hourTs: max(start, run.startHourTs))
                hour = max(start, run.startHourTs)
            }
        } catch RunStoreError.warmUpDiverged(_, let recorded, let found) {
            var report = WindowReplayReport(hoursMatched: 0, eventsVerified: 0)
            report.divergence = CycleRunner.warmUpDivergence(run: run, recorded: recorded, found: found)
            return report
        }
        return try replayHours(
            from: hour, through: end, reportFrom: start, state: state, stateSha256: stateSha256, onHour: onHour)
    }

    /// Replays `first...end` from `state` (the state after the hour before `first`; `stateSha256`
    /// its hash when already verified), calling `onHour` for the matched hours at or after
    /// `reportFrom`. Stops early, with the hours matched so far, when `shouldStop` says so.
    func replayHours(
        from first: UTCTimestamp, through end: UTCTimestamp, reportFrom start: UTCTimestamp, state initial: EngineState,
        stateSha256 initialSha256: Hash256?, shouldStop: () -> Bool = { false },
        onHour: (String, Int, Int) -> Void
    ) throws -> WindowReplayReport {
        let runId = run.context.runId
        var report = WindowReplayReport(hoursMatched: 0, eventsVerified: 0)
        if countsCommitment { report.stateCommitmentBytes = 0 }
        var state = initial
        var stateSha256 = initialSha256
        let hour = first
        let stored = try runner.store.hours(runId: runId, from: hour, through: end)
        let expectedHours = (end.secondsSinceEpoch - hour.secondsSinceEpoch) / 3600 + 1
        if stored.count != expectedHours {
            let missing = firstMissingHour(stored, from: hour, through: end)
            throw RunStoreError.hourNotExecuted(runId: runId, hour: missing)
        }
        let reader = try HourEventReader(log: runner.log, runId: runId, from: hour, through: end)
        defer { reader.close() }
        var reducerTime = Duration.zero
        for storedHour in stored {
            if shouldStop() { break }
            let (outputs, inputs) = try reader.next(storedHour)
            let (outcome, next, nextSha256) = try runner.replay(
                run: run, stored: storedHour, storedEvents: outputs, inputs: inputs, state: consume state,
                stateSha256: stateSha256,
                models: try runner.models(for: run, hourTs: storedHour.hourTs, inputs: inputs),
                reducerTime: &reducerTime)
            switch outcome {
            case .diverged(let divergence):
                report.divergence = divergence
                report.reducerSeconds = Self.seconds(reducerTime)
                return report
            case .match(let sha, let count):
                state = next
                stateSha256 = nextSha256
                if countsCommitment { report.stateCommitmentBytes? += state.commitmentByteCount }
                report.hoursMatched += 1
                report.eventsVerified += count
                report.lastStateSha256 = sha
                if storedHour.hourTs >= start {
                    onHour(storedHour.manifestText, report.hoursMatched, report.eventsVerified)
                }
            }
        }
        report.reducerSeconds = Self.seconds(reducerTime)
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func firstMissingHour(_ stored: [StoredHour], from: UTCTimestamp, through: UTCTimestamp) -> UTCTimestamp {
        var expected = from
        for hour in stored {
            if hour.hourTs != expected { return expected }
            expected = expected.adding(hours: 1)
        }
        return expected
    }
}
