import Dispatch
import Foundation
import HourglassCore
import Synchronization

/// One run of a sweep: a config, the name it was given by (its file), and its run id.
public struct SweepRun: Sendable {
    /// What the operator called it (the config file's path).
    public var label: String
    /// The engine config the run executes with.
    public var config: EngineConfig
    /// The run's id: `WindowSweep.runId(…)`, the same in every database and every time.
    public var runId: String

    /// A sweep run of `config` in `accountId`'s `runMode`, with its derived run id.
    public init(label: String, config: EngineConfig, accountId: String, runMode: RunMode) {
        self.label = label
        self.config = config
        self.runId = WindowSweep.runId(accountId: accountId, runMode: runMode, configSha256: config.sha256)
    }
}

/// What one sweep run did: its window totals, or why it stopped.
public struct SweepOutcome: Sendable {
    public var run: SweepRun
    public var result: Result<WindowExecution, any Error>
    /// Wall-clock seconds of this run alone.
    public var seconds: Double
}

/// Executes the same window for several independent BACKTEST runs (a parameter sweep) up to
/// `jobs` at a time, each run on its own thread and database connection, each exactly as
/// `execute-window --run-id ID --config FILE` executes it alone (`WindowExecutor`, same batches,
/// same snapshots): runs share nothing but the log, whose appends PostgreSQL serialises.
public struct WindowSweep {
    let dsn: String
    let jobs: Int
    let snapshotEveryHours: Int64
    let backtestBatchHours: Int

    /// The most runs executed at once.
    public static let maxJobs = 64

    /// A sweep that connects with `dsn` and runs up to `jobs` runs at once with these runner settings.
    public init(dsn: String, jobs: Int, snapshotEveryHours: Int64, backtestBatchHours: Int) {
        precondition((1...Self.maxJobs).contains(jobs), "jobs must be 1...\(Self.maxJobs)")
        self.dsn = dsn
        self.jobs = jobs
        self.snapshotEveryHours = snapshotEveryHours
        self.backtestBatchHours = backtestBatchHours
    }

    /// The run id of an account's sweep run of a config: a version-8 UUID from the SHA-256 of the
    /// account, the mode and the config's hash, so re-running a sweep resumes the same runs.
    public static func runId(accountId: String, runMode: RunMode, configSha256: Hash256) -> String {
        var bytes = Array(
            Hash256.of(Array("hourglass.sweep\u{0}\(accountId)\u{0}\(runMode.rawValue)\u{0}\(configSha256.hex)".utf8))
                .bytes.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hash256.hex(bytes)
        let cuts = [0, 8, 12, 16, 20, 32].map { hex.index(hex.startIndex, offsetBy: $0) }
        return (0..<5).map { String(hex[cuts[$0]..<cuts[$0 + 1]]) }.joined(separator: "-")
    }

    /// Executes `start...end` for every run of `runs` in `accountId`; returns one outcome per run,
    /// in the order given. `onFinished` is called on the calling thread as runs finish.
    public func executeAll(
        runs: [SweepRun], accountId: String, runMode: RunMode, from start: UTCTimestamp, through end: UTCTimestamp,
        onFinished: (SweepOutcome) -> Void = { _ in }
    ) -> [SweepOutcome] {
        let done = DispatchSemaphore(value: 0)
        let settings = (dsn, snapshotEveryHours, backtestBatchHours)
        let workers = min(jobs, runs.count)
        let group = DispatchGroup()
        let box = SweepBox(runs: runs.count)
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let index = box.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if index >= runs.count { return }
                    let run = runs[index]
                    let started = ContinuousClock.now
                    let result = Result {
                        try Self.executeOne(
                            run, dsn: settings.0, snapshotEveryHours: settings.1, backtestBatchHours: settings.2,
                            accountId: accountId, runMode: runMode, from: start, through: end)
                    }
                    let elapsed = ContinuousClock.now - started
                    let seconds =
                        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    box.finished.withLock { $0[index] = SweepOutcome(run: run, result: result, seconds: seconds) }
                    done.signal()
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        var reported = Array(repeating: false, count: runs.count)
        for _ in 0..<runs.count {
            done.wait()
            let ready = box.finished.withLock { $0 }
            for (index, outcome) in ready.enumerated() where !reported[index] {
                if let outcome {
                    reported[index] = true
                    onFinished(outcome)
                }
            }
        }
        group.wait()
        return box.finished.withLock { $0.map { $0! } }
    }

    /// One run: its own connection and runner; resolved (started when new) and executed as the
    /// serial command does it.
    static func executeOne(
        _ sweepRun: SweepRun, dsn: String, snapshotEveryHours: Int64, backtestBatchHours: Int, accountId: String,
        runMode: RunMode, from start: UTCTimestamp, through end: UTCTimestamp
    ) throws -> WindowExecution {
        let runner = CycleRunner(
            log: try EventLog.open(dsn: dsn), snapshotEveryHours: snapshotEveryHours,
            backtestBatchHours: backtestBatchHours)
        let record = try runner.runForExecution(
            accountId: accountId, runMode: runMode, runId: sweepRun.runId, config: sweepRun.config,
            firstHour: start, newRunId: { sweepRun.runId })
        return try WindowExecutor(runner: runner, run: record).run(from: start, through: end)
    }
}

/// What the sweep's threads share: the next run to take and the finished outcomes.
final class SweepBox: Sendable {
    let next = Atomic<Int>(0)
    let finished: Mutex<[SweepOutcome?]>

    init(runs: Int) { finished = Mutex(Array(repeating: nil, count: runs)) }
}
