import Foundation
import Synchronization

/// Set by SIGTERM/SIGINT: the runner finishes the hour it is in (its transaction commits or never
/// began) and stops before the next one.
public final class StopFlag: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// A flag that is not set.
    public init() {}

    /// Whether a stop was asked for.
    public var isSet: Bool { stopped.load(ordering: .acquiring) }

    /// Asks for a stop.
    public func set() { stopped.store(true, ordering: .releasing) }

    /// The process-wide flag that `installSignalHandlers` sets.
    public static let process = StopFlag()

    /// Routes SIGTERM and SIGINT to `StopFlag.process` instead of killing the process.
    /// Also unblocks them on the calling thread: a parent (a test runner, some supervisors) may
    /// have started the process with them blocked, which would leave a SIGTERM pending forever.
    public static func installSignalHandlers() {
        _ = StopFlag.process.isSet
        signal(SIGTERM) { _ in StopFlag.process.set() }
        signal(SIGINT) { _ in StopFlag.process.set() }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
