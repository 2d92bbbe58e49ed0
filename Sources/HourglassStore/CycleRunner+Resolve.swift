import HourglassCore

extension CycleRunner {
    /// The run to execute `firstHour` in: `runId` if given (started at `firstHour` when new), else
    /// the account's single run of this mode that `firstHour` continues, else a new run (id from
    /// `newRunId`) starting at `firstHour`.
    ///
    /// - Parameter config: the operator's config; nil when none was given (an existing run keeps its
    ///   own, a new run uses `EngineConfig.default`). A given config must match an existing run's.
    public func runForExecution(
        accountId: String, runMode: RunMode, runId: String?, config: EngineConfig?,
        firstHour: UTCTimestamp, newRunId: () -> String
    ) throws -> RunRecord {
        let id =
            try runId ?? store.continuableRun(accountId: accountId, runMode: runMode, firstHour: firstHour)
            ?? newRunId()
        let context = RunContext(runId: id, accountId: accountId, runMode: runMode)
        if let existing = try store.run(id) {
            try Self.check(existing, matches: context, config: config)
            return existing
        }
        return try startRun(context: context, config: config ?? .default, startHourTs: firstHour)
    }
}
