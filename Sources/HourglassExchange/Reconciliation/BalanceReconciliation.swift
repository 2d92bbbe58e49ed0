import HourglassCore

/// Compares the exchange's balances with the ledger's holdings, asset by asset (pure).
///
/// Every asset of a traded pair is compared: the ledger's cash against the quote asset, each
/// position against its base asset, and any other traded asset against zero. The tolerance is one
/// lot: `10^-lot_decimals` of the pair for a base asset, `10^-cost_decimals` (else
/// `10^-pair_decimals`) for the quote asset. Assets no traded pair uses (an account's EUR) are
/// not the engine's and are not compared. Results are sorted by asset name.
public enum BalanceReconciliation {
    /// The mismatches beyond one lot, sorted by asset; empty when the books agree.
    /// - Parameters:
    ///   - exchange: Kraken's `Balance`.
    ///   - cashQuote: the ledger's cash, in `quoteAsset`.
    ///   - positions: the ledger's positions (symbol `BASE/QUOTE`, quantity).
    ///   - quoteAsset: the engine's quote asset (`USD`).
    ///   - directory: the traded pairs, for names and lot sizes.
    public static func mismatches(
        exchange: KrakenBalances, cashQuote: FixedDecimal,
        positions: [(symbol: String, quantityBase: FixedDecimal)], quoteAsset: String,
        directory: KrakenPairDirectory
    ) -> [BalanceMismatch] {
        var expected: [(asset: String, amount: FixedDecimal, tolerance: FixedDecimal)] = []
        for pair in directory.pairs {
            let halves = pair.wsname.split(separator: "/").map(String.init)
            guard halves[1] == quoteAsset else { continue }
            let held = positions.filter { $0.symbol == pair.wsname }.reduce(FixedDecimal.zero) { $0 + $1.quantityBase }
            if !expected.contains(where: { $0.asset == halves[0] }) {
                expected.append((halves[0], held, unit(decimals: pair.lotDecimals)))
            }
            if !expected.contains(where: { $0.asset == quoteAsset }) {
                expected.append((quoteAsset, cashQuote, unit(decimals: pair.costDecimals ?? pair.pairDecimals)))
            }
        }
        var found: [BalanceMismatch] = []
        for item in expected {
            let code = directory.krakenAsset(engineAsset: item.asset) ?? item.asset
            let held = exchange.amount(of: code)
            if (held - item.amount).magnitude > item.tolerance {
                found.append(
                    BalanceMismatch(
                        asset: item.asset, exchangeAmount: held, ledgerAmount: item.amount,
                        tolerance: item.tolerance))
            }
        }
        return found.sorted { Array($0.asset.utf8).lexicographicallyPrecedes(Array($1.asset.utf8)) }
    }

    static func unit(decimals: Int) -> FixedDecimal {
        FixedDecimal(raw: FixedDecimal.pow10(FixedDecimal.scaleDigits - min(decimals, FixedDecimal.scaleDigits)))
    }
}
