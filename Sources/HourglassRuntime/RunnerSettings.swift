import HourglassCore

/// What an hourly runner acts for and how: account, mode, run, configuration and the LIVE deadline.
public struct RunnerSettings: Sendable {
    /// The account.
    public var accountId: String
    /// PAPER or LIVE.
    public var runMode: RunMode
    /// The run to continue; nil = the account's latest run of this mode, else a new one.
    public var runId: String?
    /// The configuration of a new run (nil = the defaults); checked against an existing run's.
    public var config: EngineConfig?
    /// Where a new run starts; nil = the latest closed hour by the exchange's clock.
    public var startHourTs: UTCTimestamp?
    /// LIVE: seconds after an hour closed within which its orders may still be sent.
    public var liveDeadlineSeconds: Int64

    /// Default LIVE deadline: 15 minutes after the hour closed.
    public static let defaultLiveDeadlineSeconds: Int64 = 900

    /// Creates settings; refuses BACKTEST, which has no exchange to run against.
    public init(
        accountId: String, runMode: RunMode, runId: String? = nil, config: EngineConfig? = nil,
        startHourTs: UTCTimestamp? = nil, liveDeadlineSeconds: Int64 = RunnerSettings.defaultLiveDeadlineSeconds
    ) {
        precondition(runMode != .backtest, "the hourly runner runs PAPER or LIVE")
        self.accountId = accountId
        self.runMode = runMode
        self.runId = runId
        self.config = config
        self.startHourTs = startHourTs
        self.liveDeadlineSeconds = liveDeadlineSeconds
    }
}
