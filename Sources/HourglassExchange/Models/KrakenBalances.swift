import HourglassCore

/// The account's balances from `Balance`, by Kraken asset code (`ZUSD`, `XXBT`), sorted by code.
public struct KrakenBalances: Sendable, Hashable {
    /// (Kraken asset code, amount), sorted by code.
    public let amounts: [(asset: String, amount: FixedDecimal)]

    /// Creates balances; `amounts` are sorted by asset code.
    public init(amounts: [(asset: String, amount: FixedDecimal)]) {
        self.amounts = amounts.sorted { Array($0.asset.utf8).lexicographicallyPrecedes(Array($1.asset.utf8)) }
    }

    public static func == (lhs: KrakenBalances, rhs: KrakenBalances) -> Bool {
        lhs.amounts.count == rhs.amounts.count
            && zip(lhs.amounts, rhs.amounts).allSatisfy { $0.asset == $1.asset && $0.amount == $1.amount }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in amounts {
            hasher.combine(entry.asset)
            hasher.combine(entry.amount)
        }
    }

    /// The amount of `asset` (Kraken code), zero when the account holds none.
    public func amount(of asset: String) -> FixedDecimal { amounts.first { $0.asset == asset }?.amount ?? .zero }

    /// Parses `{"ZUSD": "171288.6158", "XXBT": "1011.1908877900", …}`.
    public static func parse(_ result: KrakenJSON) throws(KrakenError) -> KrakenBalances {
        var amounts: [(asset: String, amount: FixedDecimal)] = []
        for (asset, value) in try result.sortedMembers() { amounts.append((asset, try value.decimal())) }
        return KrakenBalances(amounts: amounts)
    }
}
