import HourglassCore

/// The identity of the reported run: ids, mode, engine, hashes and universe.
public struct ReportRunIdentity: Sendable, Equatable {
    /// The run's UUID.
    public var runId: String
    /// The account it trades for.
    public var accountId: String
    /// BACKTEST, PAPER or LIVE.
    public var runMode: RunMode
    /// The engine version that recorded it.
    public var engineVersion: String
    /// SHA-256 of the canonical engine config.
    public var configSha256: String
    /// SHA-256 of the model set.
    public var modelSetSha256: String
    /// The symbols the run trades.
    public var universe: [String]
    /// The quote currency equity is counted in.
    public var quoteCurrency: String
    /// Cash at the start.
    public var initialEquityQuote: FixedDecimal

    /// Creates a run identity.
    public init(
        runId: String, accountId: String, runMode: RunMode, engineVersion: String, configSha256: String,
        modelSetSha256: String, universe: [String], quoteCurrency: String, initialEquityQuote: FixedDecimal
    ) {
        self.runId = runId
        self.accountId = accountId
        self.runMode = runMode
        self.engineVersion = engineVersion
        self.configSha256 = configSha256
        self.modelSetSha256 = modelSetSha256
        self.universe = universe
        self.quoteCurrency = quoteCurrency
        self.initialEquityQuote = initialEquityQuote
    }
}
