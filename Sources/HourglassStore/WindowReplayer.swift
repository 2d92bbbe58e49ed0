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
}

/// Replays a range of hours of one run, carrying the replayed state from hour to hour.
public struct WindowReplayer {
    let runner: CycleRunner
    let run: RunRecord

    /// Creates a replayer for `run`.
    public init(runner: CycleRunner, run: RunRecord) {
        self.runner = runner
        self.run = run
    }

    /// Replays `start...end`; `onHour` receives each matched hour's manifest text and running totals.
    public func replay(from start: UTCTimestamp, through end: UTCTimestamp, fromGenesis: Bool,
                       onHour: (String, Int, Int) -> Void) throws -> WindowReplayReport {
        let runId = run.context.runId
        let models = try runner.models(for: run)
        var report = WindowReplayReport(hoursMatched: 0, eventsVerified: 0)
        var state: EngineState
        var hour: UTCTimestamp
        if fromGenesis {
            state = EngineState.initial(config: run.config, startHourTs: run.startHourTs)
            hour = run.startHourTs
        } else {
            state = try runner.stateBefore(run: run, hourTs: max(start, run.startHourTs))
            hour = max(start, run.startHourTs)
        }
        let stored = try runner.store.hours(runId: runId, from: hour, through: end)
        let expectedHours = (end.secondsSinceEpoch - hour.secondsSinceEpoch) / 3600 + 1
        if stored.count != expectedHours {
            let missing = firstMissingHour(stored, from: hour, through: end)
            throw RunStoreError.hourNotExecuted(runId: runId, hour: missing)
        }
        let reader = HourEventReader(log: runner.log, runId: runId, from: hour, through: end)
        for storedHour in stored {
            let (outputs, inputs) = try reader.next(storedHour)
            let (outcome, next) = try runner.replay(run: run, stored: storedHour, storedEvents: outputs, inputs: inputs, state: state, models: models)
            switch outcome {
            case .diverged(let divergence):
                report.divergence = divergence
                return report
            case .match(let sha, let count):
                state = next
                report.hoursMatched += 1
                report.eventsVerified += count
                report.lastStateSha256 = sha
                if storedHour.hourTs >= start { onHour(storedHour.manifestText, report.hoursMatched, report.eventsVerified) }
            }
        }
        return report
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

/// Reads a window's output events and inputs hour by hour.
struct HourEventReader {
    let log: EventLog
    let runId: String
    let store: RunStore

    init(log: EventLog, runId: String, from: UTCTimestamp, through: UTCTimestamp) {
        self.log = log
        self.runId = runId
        self.store = RunStore(log: log)
    }

    func next(_ stored: StoredHour) throws -> ([DomainEvent], HourInputs) {
        let outputs = try log.read(runId: runId, hourTs: stored.hourTs).map { try $0.decode() }
        let inputs = try store.inputsForReplay(runId: runId, hourTs: stored.hourTs)
        return (outputs, inputs)
    }
}
