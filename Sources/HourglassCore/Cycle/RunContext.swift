/// The identity of a run, passed to every hour of it.
public struct RunContext: Sendable, Hashable {
    /// The run's UUID, lower-case text.
    public var runId: String
    /// The account the run trades for.
    public var accountId: String
    /// BACKTEST, PAPER or LIVE.
    public var runMode: RunMode

    public init(runId: String, accountId: String, runMode: RunMode) {
        self.runId = runId
        self.accountId = accountId
        self.runMode = runMode
    }
}
