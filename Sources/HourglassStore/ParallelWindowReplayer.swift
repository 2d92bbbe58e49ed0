import Dispatch
import Foundation
import HourglassCore
import Synchronization

/// Replays a range of hours in parts that run at once, split at stored state snapshots; the
/// result is the serial `WindowReplayer`'s, hour for hour.
///
/// Threads, not processes: every part runs in this process on its own thread with its own
/// PostgreSQL connection (the reducer is pure and shares nothing mutable; the parts share one
/// atomic, the index of the earliest part that stopped). The first part runs on the calling
/// thread and reports its hours as it goes; every later part starts from the snapshot taken
/// after the hour before it, which it decodes and hashes itself and refuses unless the hash is
/// that hour's stored state hash (it never trusts a snapshot), and keeps its manifests until the
/// parts before it have matched. The first divergence is the earliest part's, so the earliest
/// hour, whichever part finished first.
public struct ParallelWindowReplayer {
    let runner: CycleRunner
    let run: RunRecord
    let dsn: String
    let jobs: Int

    /// The most parts a replay is split into.
    public static let maxJobs = 64

    /// Creates a replayer of `run` in up to `jobs` parts; later parts connect with `dsn`.
    public init(runner: CycleRunner, run: RunRecord, dsn: String, jobs: Int) {
        precondition((1...Self.maxJobs).contains(jobs), "jobs must be 1...\(Self.maxJobs)")
        self.runner = runner
        self.run = run
        self.dsn = dsn
        self.jobs = jobs
    }

    /// Replays `start...end` as `WindowReplayer.replay` does (same report, same `onHour` calls in
    /// hour order, same errors), in parts. `onHour` is called on the calling thread only.
    public func replay(
        from start: UTCTimestamp, through end: UTCTimestamp, fromGenesis: Bool,
        onHour: (String, Int, Int) -> Void
    ) throws -> WindowReplayReport {
        let serial = WindowReplayer(runner: runner, run: run)
        let runId = run.context.runId
        _ = try runner.models(for: run)
        let first = fromGenesis ? run.startHourTs : max(start, run.startHourTs)
        let state: EngineState
        do {
            state = fromGenesis ? try runner.initialState(run: run) : try runner.stateBefore(run: run, hourTs: first)
        } catch RunStoreError.warmUpDiverged(_, let recorded, let found) {
            var report = WindowReplayReport(hoursMatched: 0, eventsVerified: 0)
            report.divergence = CycleRunner.warmUpDivergence(run: run, recorded: recorded, found: found)
            return report
        }
        let stored = try runner.store.hourSnapshotFlags(runId: runId, from: first, through: end)
        let expected = (end.secondsSinceEpoch - first.secondsSinceEpoch) / 3600 + 1
        if Int64(stored.count) != expected {
            var missing = first
            for hour in stored {
                if hour.hourTs != missing { break }
                missing = missing.adding(hours: 1)
            }
            throw RunStoreError.hourNotExecuted(runId: runId, hour: missing)
        }
        let parts = Self.plan(
            from: first, through: end, snapshotHours: stored.filter(\.hasSnapshot).map(\.hourTs), jobs: jobs)
        let signal = PartSignal()
        let results = PartResults(count: parts.count)
        let group = DispatchGroup()
        for index in parts.indices.dropFirst() {
            group.enter()
            let part = parts[index]
            let dsn = dsn
            let thread = Thread {
                defer { group.leave() }
                let result = Result {
                    try Self.replayLaterPart(
                        dsn: dsn, runId: runId, part: part, index: index, reportFrom: start, signal: signal)
                }
                if case .failure = result { signal.stopAfter(index) }
                if case .success(let outcome) = result, outcome.report.divergence != nil { signal.stopAfter(index) }
                results.set(index, result)
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        var report: WindowReplayReport
        do {
            report = try serial.replayHours(
                from: parts[0].lowerBound, through: parts[0].upperBound, reportFrom: start, state: state,
                stateSha256: nil, onHour: onHour)
        } catch {
            signal.stopAfter(0)
            group.wait()
            throw error
        }
        if report.divergence != nil { signal.stopAfter(0) }
        group.wait()
        if report.divergence != nil { return report }
        for index in parts.indices.dropFirst() {
            let outcome = try results.get(index)
            for hour in outcome.manifests {
                onHour(hour.text, report.hoursMatched + hour.hoursMatched, report.eventsVerified + hour.eventsVerified)
            }
            report.hoursMatched += outcome.report.hoursMatched
            report.eventsVerified += outcome.report.eventsVerified
            report.reducerSeconds += outcome.report.reducerSeconds
            if let sha = outcome.report.lastStateSha256 { report.lastStateSha256 = sha }
            if let divergence = outcome.report.divergence {
                report.divergence = divergence
                return report
            }
            let span = parts[index].upperBound.secondsSinceEpoch - parts[index].lowerBound.secondsSinceEpoch
            precondition(
                outcome.report.hoursMatched == Int(span / 3600) + 1, "a part that matched replayed all its hours")
        }
        return report
    }

    /// Splits `first...end` into at most `jobs` parts of about equal length; every part but the
    /// first starts right after a snapshot hour.
    static func plan(from first: UTCTimestamp, through end: UTCTimestamp, snapshotHours: [UTCTimestamp], jobs: Int)
        -> [ClosedRange<UTCTimestamp>]
    {
        let hours = (end.secondsSinceEpoch - first.secondsSinceEpoch) / 3600 + 1
        // A part may end at a snapshot hour before the window's last hour.
        let candidates = snapshotHours.map { ($0.secondsSinceEpoch - first.secondsSinceEpoch) / 3600 }
            .filter { $0 >= 0 && $0 < hours - 1 }
        var ends: [Int64] = []
        for part in 1..<max(jobs, 1) {
            let target = Int64(part) * hours / Int64(jobs) - 1
            let after = ends.last ?? -1
            let nearest = candidates.filter { $0 > after }.min { abs($0 - target) < abs($1 - target) }
            if let nearest { ends.append(nearest) }
        }
        var parts: [ClosedRange<UTCTimestamp>] = []
        var next = first
        for offset in ends {
            let last = first.adding(hours: offset)
            parts.append(next...last)
            next = last.adding(hours: 1)
        }
        parts.append(next...end)
        return parts
    }

    /// One part after the first, on its own thread and connection: the snapshot after the hour
    /// before it, verified, then its hours, its manifests kept for the caller.
    static func replayLaterPart(
        dsn: String, runId: String, part: ClosedRange<UTCTimestamp>, index: Int, reportFrom: UTCTimestamp,
        signal: PartSignal
    ) throws -> PartOutcome {
        let runner = CycleRunner(log: try EventLog.open(dsn: dsn))
        guard let run = try runner.store.run(runId) else { throw RunStoreError.unknownRun(runId) }
        _ = try runner.models(for: run)
        let previous = part.lowerBound.adding(hours: -1)
        guard let stored = try runner.store.hour(runId: runId, hourTs: previous) else {
            throw RunStoreError.hourNotExecuted(runId: runId, hour: previous)
        }
        let state: EngineState
        do { state = try runner.store.state(runId: runId, after: stored) } catch let error as PGError {
            throw error
        } catch {
            throw WindowReplayError.snapshotRefused(runId: runId, hour: previous, reason: "\(error)")
        }
        var manifests: [PartHour] = []
        let report = try WindowReplayer(runner: runner, run: run).replayHours(
            from: part.lowerBound, through: part.upperBound, reportFrom: reportFrom, state: state, stateSha256: nil,
            shouldStop: { signal.stopped(before: index) },
            onHour: { text, hours, events in
                manifests.append(PartHour(text: text, hoursMatched: hours, eventsVerified: events))
            })
        return PartOutcome(report: report, manifests: manifests)
    }
}

/// Why a parallel replay refused to go on.
public enum WindowReplayError: Error, CustomStringConvertible {
    /// A part's starting snapshot did not decode to the state its hour's manifest names.
    case snapshotRefused(runId: String, hour: UTCTimestamp, reason: String)

    public var description: String {
        switch self {
        case .snapshotRefused(let runId, let hour, let reason):
            return
                "refused: the state snapshot of run \(runId) after \(hour) does not verify, so no part starts from it "
                + "(\(reason)); replay with --jobs 1 --from-genesis to check the hours without it"
        }
    }
}

/// What a later part found: its report (hours counted from its first hour) and the manifests of
/// its matched hours, with its running totals.
struct PartOutcome: Sendable {
    var report: WindowReplayReport
    var manifests: [PartHour]
}

/// One matched hour of a later part, kept until the parts before it have matched.
struct PartHour: Sendable {
    var text: String
    var hoursMatched: Int
    var eventsVerified: Int
}

/// The index of the earliest part that diverged or failed: later parts stop at their next hour.
final class PartSignal: Sendable {
    private let earliest = Atomic<Int>(Int.max)

    /// Part `index` stopped: every later part may stop.
    func stopAfter(_ index: Int) {
        var current = earliest.load(ordering: .relaxed)
        while index < current {
            let (exchanged, original) = earliest.compareExchange(
                expected: current, desired: index, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// True when a part before `index` stopped (so part `index`'s result is not needed).
    func stopped(before index: Int) -> Bool { earliest.load(ordering: .relaxed) < index }
}

/// The results of the later parts, written by their threads.
final class PartResults: Sendable {
    private let slots: Mutex<[Result<PartOutcome, any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<PartOutcome, any Error>) {
        slots.withLock { $0[index] = result }
    }

    func get(_ index: Int) throws -> PartOutcome {
        guard let result = slots.withLock({ $0[index] }) else { preconditionFailure("part \(index) did not finish") }
        return try result.get()
    }
}
