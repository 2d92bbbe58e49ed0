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
