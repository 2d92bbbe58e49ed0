import Dispatch
import Foundation
import HourglassCore

/// One BACKTEST batch committing on a thread of its own (over a connection of its own) while the
/// calling thread steps the next batch; its outcome once it ends.
///
/// The batch is still one transaction, so it is all or nothing: a crash while it commits leaves
/// none of it, and the hours stepped on top of it were only in memory. At most one batch is in
/// flight per runner; `wait()` is the only way to learn how it ended, and the runner waits before
/// it submits the next batch, reads the log for a state, appends anything else, or returns.
final class BatchCommit: @unchecked Sendable {
    /// The input seqs its hours consumed: a read-ahead while it commits must not hand its
    /// operator events to the next batch as unconsumed.
    let consumedSeqs: Set<Int64>
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the commit thread before it signals `finished`; read only after waiting.
    private var outcome: Result<Void, any Error>?
    private var waited = false

    /// Starts `work` on a new thread.
    init(consumedSeqs: Set<Int64>, work: BatchCommitWork) {
        self.consumedSeqs = consumedSeqs
        let thread = Thread { [self] in
            outcome = Result { try work.commit() }
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits until the commit ended (once; later calls return at once) and throws its error.
    func wait() throws {
        if !waited {
            finished.wait()
            waited = true
        }
        try outcome!.get()
    }
}

/// What a commit thread needs: the runner (for its writers), the commit connection's log, the
/// run and its stepped hours. Handed over whole: the calling thread touches none of it (nor the
/// connection) until it has waited for the commit.
struct BatchCommitWork: @unchecked Sendable {
    let runner: CycleRunner
    let log: EventLog
    let run: RunRecord
    let hours: [HourBatch.Hour]
    let beforeCommit: (@Sendable () throws -> Void)?

    func commit() throws {
        try runner.commit(hours: hours, run: run, on: log, beforeCommit: beforeCommit)
    }
}
