import HourglassCore

/// The per-run stream of exchange inputs (pair rules, tickers, acknowledgements, fills, balances,
/// alarms), each event tagged with the hour whose input it is.
public enum ExchangeInputStream {
    /// `exchange.<run id>`.
    public static func name(runId: String) -> String { "exchange.\(runId)" }
}

extension RunStore {
    /// The seqs of the exchange inputs recorded for `hourTs` of `runId`, in log order.
    func exchangeInputSeqs(runId: String, hourTs: UTCTimestamp) throws -> [Int64] {
        let result = try connection.execute(
            // Not tagged with the run id: an hour's run-tagged events are its outputs (replay compares them).
            "SELECT seq FROM events WHERE stream = $1 AND hour_ts_utc = to_timestamp($2) ORDER BY seq",
            [.text(ExchangeInputStream.name(runId: runId)), .int64(hourTs.secondsSinceEpoch)],
            context: "find the hour's exchange inputs")
        return (0..<result.rowCount).map { result.int64($0, 0)! }
    }

    /// The exchange inputs `hourTs` executes with: its own, and when it has no pair rules of its
    /// own (an hour caught up late: Kraken keeps no history of pair rules, so the runner reads them
    /// only for the latest closed hour) the last pair rules recorded for an earlier hour of the run.
    /// Those rules keep the hour they were read for; none before it leaves the configured rules.
    func exchangeInputSeqsForExecution(run: RunRecord, hourTs: UTCTimestamp) throws -> [Int64] {
        let own = try exchangeInputSeqs(runId: run.context.runId, hourTs: hourTs)
        guard run.context.runMode != .backtest else { return own }
        let result = try connection.execute(
            """
            SELECT seq, hour_ts_utc = to_timestamp($3) FROM events
            WHERE stream = $1 AND event_type = $2 AND hour_ts_utc <= to_timestamp($3)
            ORDER BY hour_ts_utc DESC, seq DESC LIMIT 1
            """,
            [
                .text(ExchangeInputStream.name(runId: run.context.runId)), .text(EventType.pairRulesRecorded.rawValue),
                .int64(hourTs.secondsSinceEpoch),
            ], context: "find the pair rules that held at the hour")
        guard result.rowCount == 1, result.string(0, 1) == "f" else { return own }
        return [result.int64(0, 0)!] + own
    }
}

extension ExchangeInputs {
    /// Adds `event` when it is an exchange input; false when it is not one.
    mutating func record(_ event: DomainEvent) -> Bool {
        switch event {
        case .pairRulesRecorded(let rules): pairRules = rules
        case .tickerRecorded(let ticker): tickers.append(ticker)
        case .exchangeOrderAcknowledged(let acknowledgement): acknowledgements.append(acknowledgement)
        case .exchangeFillRecorded(let fill): fills.append(fill)
        case .balancesRecorded(let balances): self.balances = balances
        case .exchangeAlarmRaised(let alarm): alarms.append(alarm)
        default: return false
        }
        return true
    }
}
