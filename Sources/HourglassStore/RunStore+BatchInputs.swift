import HourglassCore

extension RunStore {
    /// Input events for executing each hour of `hours` (consecutive, ascending) now, read at once:
    /// the universe's bars of each hour, and the account's operator events this run has not
    /// consumed yet (and not in `excluding`: those a batch still committing consumed), given to the
    /// first hour. Same order as `inputsForExecution(run:hourTs:)`.
    public func inputsForExecution(run: RunRecord, hours: [UTCTimestamp], excluding: Set<Int64> = []) throws -> [(
        HourInputs, [Int64]
    )] {
        guard let first = hours.first, let last = hours.last else { return [] }
        precondition(
            zip(hours, hours.dropFirst()).allSatisfy { $0.adding(hours: 1) == $1 }, "the hours are consecutive")
        let bars = try connection.execute(
            """
            SELECT extract(epoch FROM ts_utc)::bigint, seq FROM bars
            WHERE exchange = $1 AND interval_seconds = 3600 AND ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
              AND symbol = ANY(string_to_array($4, ','))
            ORDER BY ts_utc, symbol
            """,
            [
                .text(run.config.exchange), .int64(first.secondsSinceEpoch), .int64(last.secondsSinceEpoch),
                .text(run.config.universe.joined(separator: ",")),
            ],
            context: "find the bars of \(hours.count) hours")
        var seqsByHour = [[Int64]](repeating: [], count: hours.count)
        for row in 0..<bars.rowCount {
            let index = Int((bars.int64(row, 0)! - first.secondsSinceEpoch) / UTCTimestamp.secondsPerHour)
            seqsByHour[index].append(bars.int64(row, 1)!)
        }
        let operatorEvents = try connection.execute(
            """
            SELECT seq FROM events WHERE stream = $1 AND seq > $2
              AND seq NOT IN (SELECT seq FROM hour_inputs WHERE run_id = $3::uuid)
            ORDER BY seq
            """,
            [.text(OperatorStream.name(accountId: run.context.accountId)), .int64(run.seq), .text(run.context.runId)],
            context: "find unconsumed operator events")
        seqsByHour[0] += (0..<operatorEvents.rowCount).map { operatorEvents.int64($0, 0)! }
            .filter { !excluding.contains($0) }
        var decoded: [Int64: DomainEvent] = [:]
        for event in try log.read(seqs: seqsByHour.flatMap { $0 }) { decoded[event.header.seq] = try event.decode() }
        return try zip(hours, seqsByHour).map { hourTs, seqs in
            var bars: [Bar] = []
            var releases: [KillSwitchReleased] = []
            for seq in seqs {
                switch decoded[seq] {
                case .barRecorded(let recorded): bars.append(recorded.bar)
                case .killSwitchReleased(let release): releases.append(release)
                case .some(let other):
                    throw RunStoreError.inputCorrupt(seq: seq, reason: "\(other) is not an hour input")
                case .none: throw RunStoreError.inputCorrupt(seq: seq, reason: "the event was not found")
                }
            }
            bars.sort { $0.symbol < $1.symbol }
            return (HourInputs(hourTs: hourTs, bars: bars, releases: releases), seqs)
        }
    }
}
