import HourglassCore

/// Which run a command means, from what the operator gave.
extension RunStore {
    /// The existing run a replay or report means: `runId` (checked against the account and mode),
    /// else the single run of (account, mode) that executed `hour` (any hour when nil).
    public func resolveRun(accountId: String, runMode: RunMode?, runId: String?, covering hour: UTCTimestamp?) throws
        -> RunRecord
    {
        if let runId {
            guard let run = try run(runId) else { throw RunResolutionError.notFound(runId: runId) }
            if run.context.accountId != accountId {
                throw RunResolutionError.wrongAccount(runId: runId, recorded: run.context.accountId, given: accountId)
            }
            if let runMode, run.context.runMode != runMode {
                throw RunResolutionError.wrongMode(runId: runId, recorded: run.context.runMode, given: runMode)
            }
            return run
        }
        let result = try connection.execute(
            """
            SELECT DISTINCT r.run_id::text, r.seq FROM runs r JOIN hour_manifests m ON m.run_id = r.run_id
            WHERE r.account_id = $1 AND ($2::text IS NULL OR r.run_mode = $2)
              AND ($3::bigint IS NULL OR m.hour_ts_utc = to_timestamp($3))
            ORDER BY r.seq
            """, [.text(accountId), .text(runMode?.rawValue), hour.map { .int64($0.secondsSinceEpoch) } ?? .null],
            context: "find the account's run")
        let ids = (0..<result.rowCount).map { result.string($0, 0)! }
        guard let only = ids.first else {
            throw RunResolutionError.noRun(accountId: accountId, runMode: runMode, hour: hour)
        }
        if ids.count > 1 { throw RunResolutionError.severalFit(accountId: accountId, runIds: ids) }
        guard let record = try run(only) else { throw RunResolutionError.notFound(runId: only) }
        return record
    }

    /// The run of (account, mode) that executing `firstHour` continues: one that starts at it, ends
    /// just before it, or already covers it; nil when there is none.
    public func continuableRun(accountId: String, runMode: RunMode, firstHour: UTCTimestamp) throws -> String? {
        let result = try connection.execute(
            """
            SELECT r.run_id::text FROM runs r
            LEFT JOIN LATERAL (SELECT max(hour_ts_utc) AS last FROM hour_manifests m
                               WHERE m.run_id = r.run_id) h ON true
            WHERE r.account_id = $1 AND r.run_mode = $2
              AND (r.start_hour_ts_utc = to_timestamp($3) OR h.last = to_timestamp($3) - interval '1 hour'
                   OR (h.last >= to_timestamp($3) AND r.start_hour_ts_utc <= to_timestamp($3)))
            ORDER BY r.seq
            """, [.text(accountId), .text(runMode.rawValue), .int64(firstHour.secondsSinceEpoch)],
            context: "find the account's run")
        let ids = (0..<result.rowCount).map { result.string($0, 0)! }
        if ids.count > 1 {
            throw RunResolutionError.severalFitExecution(
                accountId: accountId, runMode: runMode, hour: firstHour, runIds: ids)
        }
        return ids.first
    }

    /// The ids of every run of an account, oldest first; throws when it has none.
    public func runIds(accountId: String) throws -> [String] {
        let result = try connection.execute(
            "SELECT run_id::text FROM runs WHERE account_id = $1 ORDER BY seq",
            [.text(accountId)], context: "list runs")
        let ids = (0..<result.rowCount).map { result.string($0, 0)! }
        if ids.isEmpty { throw RunResolutionError.noRuns(accountId: accountId) }
        return ids
    }
}
