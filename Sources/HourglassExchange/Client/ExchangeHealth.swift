/// How the exchange has been answering: consecutive failed attempts, and the instability signal
/// once they reach the configured threshold.
public struct ExchangeHealth: Sendable, Hashable {
    /// Failed attempts since the last success (rate limits, timeouts, lost connections, 5xx, garbage).
    public let consecutiveFailures: Int
    /// The count at which the adapter reports instability.
    public let threshold: Int
    /// The last failure, if the last attempt failed.
    public let lastFailure: KrakenError?

    /// Creates a health report.
    public init(consecutiveFailures: Int, threshold: Int, lastFailure: KrakenError?) {
        self.consecutiveFailures = consecutiveFailures
        self.threshold = threshold
        self.lastFailure = lastFailure
    }

    /// The signal the runner turns into the `exchange_instability` kill-switch trip; nil while healthy.
    public var instability: ExchangeInstability? {
        guard consecutiveFailures >= threshold, let lastFailure else { return nil }
        return ExchangeInstability(
            consecutiveFailures: consecutiveFailures, threshold: threshold, lastFailure: lastFailure)
    }
}
