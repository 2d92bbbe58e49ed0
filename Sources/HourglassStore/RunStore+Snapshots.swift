import HourglassCore

extension RunStore {
    /// The executed hours of `runId` in `from...through`, in order, each with whether a state
    /// snapshot was stored after it (two small columns: a parallel replay plans its parts with it).
    public func hourSnapshotFlags(runId: String, from: UTCTimestamp, through: UTCTimestamp) throws
        -> [(hourTs: UTCTimestamp, hasSnapshot: Bool)]
    {
        let result = try connection.execute(
            """
            SELECT extract(epoch from hour_ts_utc)::bigint, (snapshot_sha256 IS NOT NULL)::int
            FROM hour_manifests WHERE run_id = $1::uuid AND hour_ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
            ORDER BY hour_ts_utc
            """, [.text(runId), .int64(from.secondsSinceEpoch), .int64(through.secondsSinceEpoch)],
            context: "read the window's snapshot hours")
        return (0..<result.rowCount).map { row in
            (UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!), result.int64(row, 1)! == 1)
        }
    }
}
