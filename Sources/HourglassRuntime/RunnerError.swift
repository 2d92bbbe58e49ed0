import HourglassExchange

/// Why the runner stopped.
public enum RunnerError: Error, CustomStringConvertible {
    /// Another runner holds the account's lock.
    case accountLocked(accountId: String)
    /// The exchange failed beyond the retry bound; an `exchange_instability` alarm was recorded
    /// for the next hour when the failures reached the instability threshold.
    case exchangeUnavailable(String, alarmRecorded: Bool)
    /// A pair of the run's universe is not on the exchange.
    case unknownPair(String)

    public var description: String {
        switch self {
        case .accountLocked(let account):
            return
                "another runner holds account \(account) (PostgreSQL advisory lock); only one runner per account may run. "
                + "Stop it first, or wait for it to finish"
        case .exchangeUnavailable(let detail, let recorded):
            return "the exchange failed: \(detail)"
                + (recorded ? "; an exchange_instability alarm trips the kill switch at the next hour" : "")
        case .unknownPair(let symbol): return "\(symbol) is not a pair the exchange lists (AssetPairs)"
        }
    }
}
