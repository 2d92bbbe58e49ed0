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
        // The bars with their events in one query: only the columns an input needs (no header
        // strings), each payload hash-checked as `EventLog.read` does.
        let bars = try connection.execute(
            """
            SELECT extract(epoch FROM b.ts_utc)::bigint, b.seq, e.event_type, e.codec, e.payload, e.payload_sha256
            FROM bars b LEFT JOIN events e ON e.seq = b.seq
            WHERE b.exchange = $1 AND b.interval_seconds = 3600 AND b.ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
              AND b.symbol = ANY(string_to_array($4, ','))
            ORDER BY b.ts_utc, b.symbol
            """,
            [
                .text(run.config.exchange), .int64(first.secondsSinceEpoch), .int64(last.secondsSinceEpoch),
                .text(run.config.universe.joined(separator: ",")),
            ],
            binaryResults: true, context: "read the bars of \(hours.count) hours")
        // Each hour's input seqs and their events, index for index.
        var seqsByHour = [[Int64]](repeating: [], count: hours.count)
        var eventsByHour = [[DomainEvent]](repeating: [], count: hours.count)
        for row in 0..<bars.rowCount {
            let index = Int((bars.int64(row, 0)! - first.secondsSinceEpoch) / UTCTimestamp.secondsPerHour)
            let seq = bars.int64(row, 1)!
            seqsByHour[index].append(seq)
            eventsByHour[index].append(try Self.decodeInput(bars, row: row, seq: seq))
        }
        let operatorEvents = try connection.execute(
            """
            SELECT seq FROM events WHERE stream = $1 AND seq > $2
              AND seq NOT IN (SELECT seq FROM hour_inputs WHERE run_id = $3::uuid)
            ORDER BY seq
            """,
            [.text(OperatorStream.name(accountId: run.context.accountId)), .int64(run.seq), .text(run.context.runId)],
            context: "find unconsumed operator events")
        let operatorSeqs = (0..<operatorEvents.rowCount).map { operatorEvents.int64($0, 0)! }
            .filter { !excluding.contains($0) }
        seqsByHour[0] += operatorSeqs
        eventsByHour[0] += try log.read(seqs: operatorSeqs).map { try $0.decode() }
        return try hours.indices.map { index in
            let seqs = seqsByHour[index]
            var bars: [Bar] = []
            var releases: [KillSwitchReleased] = []
            for (seq, event) in zip(seqs, eventsByHour[index]) {
                switch event {
                case .barRecorded(let recorded): bars.append(recorded.bar)
                case .killSwitchReleased(let release): releases.append(release)
                default: throw RunStoreError.inputCorrupt(seq: seq, reason: "\(event) is not an hour input")
                }
            }
            bars.sort { $0.symbol < $1.symbol }
            return (HourInputs(hourTs: hours[index], bars: bars, releases: releases), seqs)
        }
    }

    /// The event of row `row` of the bars query (columns 2...5: type, codec, payload, payload hash),
    /// checked like `EventLog.decodeRows`: the same errors for a missing event, an unknown type or
    /// codec, and a payload that does not hash to its stored SHA-256.
    private static func decodeInput(_ result: PGResult, row: Int, seq: Int64) throws -> DomainEvent {
        guard let typeBytes = result.bytes(row, 2), let codec = result.int64(row, 3),
            let stored = result.bytes(row, 4), let sha256 = result.bytes(row, 5)
        else { throw EventLogError.corruptPayload(seq: seq, reason: "event is missing") }
        let typeName = String(decoding: typeBytes, as: UTF8.self)
        guard let type = EventType(rawValue: typeName) else {
            throw EventLogError.unknownEventType(seq: seq, name: typeName)
        }
        let payload: [UInt8]
        switch codec {
        case 0: payload = stored
        case 1:
            do { payload = try LZ4.decompress(stored) } catch {
                throw EventLogError.corruptPayload(seq: seq, reason: "\(error)")
            }
        default: throw EventLogError.corruptPayload(seq: seq, reason: "unknown codec \(codec)")
        }
        if Hash256.of(payload) != Hash256(bytes: sha256) { throw EventLogError.payloadHashMismatch(seq: seq) }
        return try DomainEvent.decode(type: type, canonical: payload)
    }
}
