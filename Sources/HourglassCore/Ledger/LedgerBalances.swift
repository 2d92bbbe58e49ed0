/// Running debit-positive balances of every account touched, sorted by account name.
public struct LedgerBalances: Sendable, Hashable {
    /// One account's balance.
    public struct Entry: Sendable, Hashable {
        public var account: String
        /// Σ debits − Σ credits.
        public var balanceQuote: FixedDecimal
    }

    /// The balances, sorted by account.
    public private(set) var entries: [Entry]

    /// No balances.
    public init() { entries = [] }

    /// Balance of `account` (zero when never posted to).
    public func balance(of account: String) -> FixedDecimal {
        entries.first { $0.account == account }?.balanceQuote ?? .zero
    }

    /// Σ of every balance: zero for a ledger of balanced postings.
    public var totalQuote: FixedDecimal { entries.reduce(.zero) { $0 + $1.balanceQuote } }

    /// Applies a posting's lines.
    public mutating func apply(_ posting: LedgerPosting) {
        precondition(posting.isBalanced)
        for line in posting.lines {
            if let index = entries.firstIndex(where: { $0.account == line.account }) {
                entries[index].balanceQuote += line.signedAmountQuote
            } else {
                let index = entries.firstIndex { $0.account > line.account } ?? entries.count
                entries.insert(Entry(account: line.account, balanceQuote: line.signedAmountQuote), at: index)
            }
        }
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(array: entries) { w, entry in
            w.write(string: entry.account)
            w.write(decimal: entry.balanceQuote)
        }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> LedgerBalances {
        var balances = LedgerBalances()
        balances.entries = try reader.readArray { r throws(CodecError) in
            Entry(account: try r.readString(), balanceQuote: try r.readDecimal())
        }
        return balances
    }
}
