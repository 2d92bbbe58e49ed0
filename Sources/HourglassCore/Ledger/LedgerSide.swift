/// Debit or credit.
public enum LedgerSide: String, Sendable, Hashable {
    case debit = "DEBIT"
    case credit = "CREDIT"
}
