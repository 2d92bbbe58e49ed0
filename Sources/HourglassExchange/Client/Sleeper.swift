/// Waits between attempts. Injected so tests run the retry logic without waiting.
public protocol Sleeper: Sendable {
    /// Waits `seconds` (returns early if the task is cancelled).
    func sleep(seconds: Double) async
}

/// Sleeps with `Task.sleep`.
public struct TaskSleeper: Sleeper {
    /// Creates a sleeper.
    public init() {}

    public func sleep(seconds: Double) async {
        guard seconds > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
