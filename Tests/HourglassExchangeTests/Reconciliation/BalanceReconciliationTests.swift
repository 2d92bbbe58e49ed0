import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct BalanceReconciliationTests {
    func directory() throws -> KrakenPairDirectory {
        KrakenPairDirectory(
            pairs: try KrakenAssetPair.parseAll(
                try krakenResult(envelope(KrakenFixtures.assetPairsResult), .assetPairs)))
    }

    @Test func booksThatAgreeWithinOneLotGiveNoMismatch() throws {
        let exchange = KrakenBalances(amounts: [
            ("XXBT", dec("0.50000001")), ("ZUSD", dec("1000.00001")),
            ("ZEUR", dec("99")),
        ])
        let found = BalanceReconciliation.mismatches(
            exchange: exchange, cashQuote: dec("1000"), positions: [("XBT/USD", dec("0.5"))], quoteAsset: "USD",
            directory: try directory())
        #expect(found.isEmpty)
    }

    @Test func aDifferenceBeyondOneLotNamesTheAssetAndTripsTheKillSwitch() throws {
        let exchange = KrakenBalances(amounts: [
            ("XXBT", dec("0.5")), ("XETH", dec("0.00000002")), ("ZUSD", dec("990")),
        ])
        let found = BalanceReconciliation.mismatches(
            exchange: exchange, cashQuote: dec("1000"), positions: [("XBT/USD", dec("0.5"))], quoteAsset: "USD",
            directory: try directory())
        #expect(found.map(\.asset) == ["ETH", "USD"])
        #expect(found[0].tolerance == dec("0.00000001") && found[0].ledgerAmount == .zero)
        #expect(found[1].differenceAmount == dec("-10") && found[1].tolerance == dec("0.00001"))
        let trip = found[1].killSwitchTrip
        #expect(trip.reason == "balance_mismatch" && trip.measured == .decimal(dec("10")))
        #expect(trip.detail.hasPrefix("USD: Kraken holds 990, the ledger 1000"))
    }
}
