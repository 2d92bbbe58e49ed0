import HourglassCore

/// What a run did, counted from its projections: fills, fees, verdicts and kill-switch trips.
public struct RunActivity: Sendable, Hashable {
    public var fills: Int
    public var buys: Int
    public var sells: Int
    /// Σ fees of the fills, in quote currency.
    public var feesQuote: FixedDecimal
    public var approveCount: Int
    public var modifyCount: Int
    public var blockCount: Int
    public var killSwitchTrips: Int
}

extension RunStore {
    /// The run's fills, fees, verdicts by decision and kill-switch trips.
    public func activity(runId: String) throws -> RunActivity {
        let fills = try connection.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE side = 'BUY'), count(*) FILTER (WHERE side = 'SELL'),
                   coalesce(sum(fee), 0)::text
            FROM fills WHERE run_id = $1::uuid
            """, [.text(runId)], context: "count fills")
        let verdicts = try connection.execute(
            """
            SELECT count(*) FILTER (WHERE decision = 'APPROVE'), count(*) FILTER (WHERE decision = 'MODIFY'),
                   count(*) FILTER (WHERE decision = 'BLOCK')
            FROM verdicts WHERE run_id = $1::uuid
            """, [.text(runId)], context: "count verdicts")
        let trips = try connection.execute(
            "SELECT count(*) FROM kill_switch_events WHERE run_id = $1::uuid AND kind = 'TRIPPED'",
            [.text(runId)], context: "count trips")
        return RunActivity(
            fills: Int(fills.int64(0, 0)!), buys: Int(fills.int64(0, 1)!), sells: Int(fills.int64(0, 2)!),
            feesQuote: try FixedDecimal.parse(fills.string(0, 3)!), approveCount: Int(verdicts.int64(0, 0)!),
            modifyCount: Int(verdicts.int64(0, 1)!), blockCount: Int(verdicts.int64(0, 2)!),
            killSwitchTrips: Int(trips.int64(0, 0)!))
    }

    /// Every verdict the run recorded, in log order (read from its stream in pages).
    public func verdicts(of run: RunRecord) throws -> [GovernanceVerdict] {
        var verdicts: [GovernanceVerdict] = []
        var after = run.seq - 1
        while true {
            let page = try log.read(afterSeq: after, limit: 5_000, stream: run.stream)
            guard let last = page.last else { break }
            for event in page where event.header.eventType == .verdictRecorded {
                if case .verdictRecorded(let recorded) = try event.decode() { verdicts.append(recorded.verdict) }
            }
            after = last.header.seq
        }
        return verdicts
    }
}
