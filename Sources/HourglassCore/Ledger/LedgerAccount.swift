/// Names of the ledger's accounts. Balances are kept debit-positive: assets and expenses are
/// positive, income and contributed equity negative, and all balances sum to zero.
public enum LedgerAccount {
    /// Quote-currency cash (asset).
    public static let cash = "cash"
    /// Trading fees paid (expense).
    public static let fees = "fees"
    /// Realised gains (credit) and losses (debit) on sells, before fees.
    public static let realizedPnl = "realized_pnl"
    /// Capital contributed at the start of the run (equity, credit).
    public static let equityContributed = "equity_contributed"
    /// Held quantity of `symbol` at cost (asset).
    public static func inventory(_ symbol: String) -> String { "inventory:" + symbol }
}
