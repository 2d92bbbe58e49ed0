import HourglassCore

/// Records what the exchange said for an hour of a PAPER or LIVE run, as input events the hour's
/// execution (and every replay of it) reads.
public struct ExchangeInputRecorder {
    /// The log written to.
    public let log: EventLog

    /// Wraps a log.
    public init(log: EventLog) { self.log = log }

    /// Appends `events` as the exchange inputs of `hourTs`, in one transaction, leaving out every
    /// event whose type the hour already has (a retry after a crash records nothing twice), and
    /// nothing at all once the hour is done. Returns whether anything was appended.
    @discardableResult
    public func record(run: RunRecord, hourTs: UTCTimestamp, events: [DomainEvent]) throws -> Bool {
        guard !events.isEmpty else { return false }
        let stream = ExchangeInputStream.name(runId: run.context.runId)
        return try log.withAppendTransaction(context: "record exchange inputs of \(hourTs)") { session in
            let done = try session.connection.execute(
                "SELECT 1 FROM hour_manifests WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2)",
                [.text(run.context.runId), .int64(hourTs.secondsSinceEpoch)], context: "check the hour is not done")
            guard done.rowCount == 0 else { return false }
            let existing = try session.connection.execute(
                "SELECT DISTINCT event_type FROM events WHERE stream = $1 AND hour_ts_utc = to_timestamp($2)",
                [.text(stream), .int64(hourTs.secondsSinceEpoch)], context: "find the hour's recorded exchange inputs")
            let present = Set((0..<existing.rowCount).compactMap { existing.string($0, 0) })
            let fresh = events.filter { !present.contains($0.eventType.rawValue) }
            guard !fresh.isEmpty else { return false }
            _ = try session.append(
                fresh.map {
                    PendingEvent(stream: stream, accountId: run.context.accountId, hourTs: hourTs, event: $0)
                })
            return true
        }
    }

    /// The exchange inputs recorded for `hourTs` of a run, in log order.
    public func recorded(run: RunRecord, hourTs: UTCTimestamp) throws -> [DomainEvent] {
        let seqs = try RunStore(log: log).exchangeInputSeqs(runId: run.context.runId, hourTs: hourTs)
        return try log.read(seqs: seqs).map { try $0.decode() }
    }
}
