/// How often and how patiently a failed call is tried again: exponential backoff with a cap.
///
/// Attempt `n` (1-based) that fails waits `min(initialDelay × multiplier^(n-1), maxDelay)` before
/// attempt `n+1`; after `attemptsMax` attempts the call gives up. Rate limits wait at least
/// `rateLimitDelaySecondsMin`, because Kraken's counters decay slowly.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per call, including the first (≥ 1).
    public var attemptsMax: Int
    /// Wait after the first failure, in seconds.
    public var initialDelaySeconds: Double
    /// Growth of the wait per failure.
    public var multiplier: Double
    /// Longest wait, in seconds.
    public var maxDelaySeconds: Double
    /// Shortest wait after a rate-limit error, in seconds.
    public var rateLimitDelaySecondsMin: Double

    /// Creates a policy.
    public init(
        attemptsMax: Int = 5, initialDelaySeconds: Double = 1, multiplier: Double = 2, maxDelaySeconds: Double = 30,
        rateLimitDelaySecondsMin: Double = 5
    ) {
        precondition(attemptsMax >= 1 && attemptsMax <= 100, "attemptsMax must be 1...100")
        precondition(initialDelaySeconds >= 0 && multiplier >= 1 && maxDelaySeconds >= initialDelaySeconds)
        self.attemptsMax = attemptsMax
        self.initialDelaySeconds = initialDelaySeconds
        self.multiplier = multiplier
        self.maxDelaySeconds = maxDelaySeconds
        self.rateLimitDelaySecondsMin = rateLimitDelaySecondsMin
    }

    /// The default: 5 attempts, 1 s doubling to at most 30 s; 5 s at least after a rate limit.
    public static let standard = RetryPolicy()

    /// The wait after failed attempt `attempt` (1-based).
    public func delaySeconds(afterAttempt attempt: Int, rateLimited: Bool) -> Double {
        var delay = initialDelaySeconds
        for _ in 1..<max(1, attempt) { delay = min(delay * multiplier, maxDelaySeconds) }
        delay = min(delay, maxDelaySeconds)
        return rateLimited ? max(delay, rateLimitDelaySecondsMin) : delay
    }
}
