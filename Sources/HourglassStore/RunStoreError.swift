import HourglassCore

/// Why a run operation was refused or failed.
public enum RunStoreError: Error, CustomStringConvertible {
    case unknownRun(String)
    case runAccountMismatch(runId: String, recorded: String, given: String)
    case runModeMismatch(runId: String, recorded: String, given: String)
    case configMismatch(runId: String, recorded: String, given: String)
    case previousHourMissing(runId: String, hour: UTCTimestamp, lastDone: UTCTimestamp?)
    case beforeRunStart(runId: String, hour: UTCTimestamp, start: UTCTimestamp)
    case hourNotExecuted(runId: String, hour: UTCTimestamp)
    case snapshotMismatch(runId: String, hour: UTCTimestamp, expected: String, found: String)
    case missingSnapshot(runId: String, hour: UTCTimestamp)
    case inputCorrupt(seq: Int64, reason: String)
    case modelSetMismatch(runId: String, recorded: String, current: String)
    case ambiguousRun(String)
    case recordedByOtherEngine(runId: String, engineVersion: String, current: String, reason: String)
    /// Another process committed some of a BACKTEST batch's hours first; this batch wrote nothing.
    case executedConcurrently(runId: String, first: UTCTimestamp, last: UTCTimestamp)
    /// The bars before the run's start no longer hash to the warm-up reference its `RunStarted` recorded.
    case warmUpDiverged(runId: String, recorded: RunWarmUp, found: RunWarmUp)

    public var description: String {
        switch self {
        case .unknownRun(let id): return "run \(id) does not exist; start it with execute-hour at its first hour"
        case .runAccountMismatch(let id, let recorded, let given):
            return "run \(id) belongs to account \(recorded), not \(given)"
        case .runModeMismatch(let id, let recorded, let given):
            return "run \(id) is a \(recorded) run, not \(given)"
        case .configMismatch(let id, let recorded, let given):
            return
                "run \(id) was started with config \(recorded.prefix(12))…; the given config is \(given.prefix(12))…; start a new run to change the config"
        case .previousHourMissing(let id, let hour, let lastDone):
            return
                "cannot execute \(hour) for run \(id): the previous hour is not done (last done: \(lastDone.map { $0.iso8601 } ?? "none")); execute the hours in order"
        case .beforeRunStart(let id, let hour, let start):
            return "\(hour) is before run \(id) starts (\(start))"
        case .hourNotExecuted(let id, let hour): return "hour \(hour) of run \(id) has not been executed"
        case .snapshotMismatch(let id, let hour, let expected, let found):
            return
                "state snapshot of run \(id) at \(hour) hashes to \(found.prefix(16))…, but its manifest says \(expected.prefix(16))…"
        case .missingSnapshot(let id, let hour): return "state snapshot of run \(id) at \(hour) is missing"
        case .inputCorrupt(let seq, let reason): return "input event \(seq) is corrupt: \(reason)"
        case .modelSetMismatch(let id, let recorded, let current):
            return
                "run \(id) recorded model set \(recorded.prefix(12))…, but this engine's is \(current.prefix(12))…; replay it with the engine version that ran it"
        case .ambiguousRun(let reason): return reason
        case .executedConcurrently(let id, let first, let last):
            return
                "hours of \(first) … \(last) of run \(id) were executed by another process meanwhile; nothing of this batch was written (run the window again to resume)"
        case .warmUpDiverged(let id, let recorded, let found):
            return
                "the warm-up bars of run \(id) differ from those it recorded: recorded \(CycleRunner.describe(recorded)), "
                + "found \(CycleRunner.describe(found))"
        case .recordedByOtherEngine(let id, let version, let current, let reason):
            return
                "run \(id) was started by \(version) and this is \(current), which cannot read its configuration (\(reason)); replay it with the engine that ran it, or start a new run"
        }
    }
}
