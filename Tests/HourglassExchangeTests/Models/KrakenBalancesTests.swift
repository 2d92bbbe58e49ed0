import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenBalancesTests {
    @Test func parsesTheDocumentedExampleExactlyInCodeOrder() throws {
        let balances = try KrakenBalances.parse(try krakenResult(KrakenFixtures.balance, .balance))
        #expect(balances.amounts.map(\.asset) == ["DAI", "USDT", "XETH", "XXBT", "ZEUR", "ZUSD"])
        #expect(balances.amount(of: "XXBT") == dec("1011.19088779"))
        #expect(balances.amount(of: "DAI") == dec("9999.9999999999"))
        #expect(balances.amount(of: "XLTC") == .zero)
    }
}
