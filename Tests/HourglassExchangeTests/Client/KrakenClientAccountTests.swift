import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenClientAccountTests {
    @Test func privateCallsAreSignedAndVerifiedByTheServer() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setBalances([("XXBT", "0.5"), ("ZUSD", "1000.25")])
        let balances = try await harness.client.balances()
        #expect(balances.amount(of: "XXBT") == dec("0.5"))
        let seen = try #require(harness.server.seen.last)
        #expect(seen.authenticated == true)
        #expect(seen.form.fields.first?.name == "nonce")
    }

    @Test func aWrongSecretIsRefusedByTheServerAndNotRetried() async throws {
        let other = "dGhpcyBpcyBub3QgdGhlIHNlY3JldCB0aGUgc2VydmVyIGV4cGVjdHMgYXQgYWxsIQ=="
        let harness = try ClientHarness(secret: other)
        defer { harness.finish() }
        await #expect(throws: KrakenError.api(.balance, [KrakenAPIError("EAPI:Invalid signature")])) {
            try await harness.client.balances()
        }
        #expect(harness.server.count(.balance) == 1 && harness.server.seen.last?.authenticated == false)
        #expect(await harness.client.health.consecutiveFailures == 0)
    }

    @Test func withoutCredentialsPrivateCallsSayWhatToSet() async throws {
        let harness = try ClientHarness(withCredentials: false)
        defer { harness.finish() }
        await #expect {
            try await harness.client.balances()
        } throws: { error in
            "\(error)".contains("HOURGLASS_KRAKEN_KEY") && "\(error)".contains("--secrets-file")
        }
        #expect(harness.server.count(.balance) == 0)
    }

    @Test func validateOnlyChecksTheOrderWithoutPlacingIt() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        let request = KrakenOrderRequest(
            pair: "XBTUSD", side: .buy, orderType: .limit(priceQuote: FixedDecimal(37500)),
            volumeBase: dec("1.25"), validateOnly: true)
        let ack = try await harness.client.addOrder(request)
        #expect(ack.isValidationOnly && ack.description == "buy 1.25000000 XBTUSD @ limit")
        #expect(harness.server.orderCount == 0)
        #expect(harness.server.seen.last?.form.value("validate") == "true")
    }

    @Test func anOrderBelowTheMinimumIsRefusedWithoutRetry() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        let request = KrakenOrderRequest(
            pair: "XBTUSD", side: .buy, orderType: .market,
            volumeBase: dec("0.00001"), validateOnly: true)
        await #expect(throws: KrakenError.api(.addOrder, [KrakenAPIError("EOrder:Order minimum not met")])) {
            try await harness.client.addOrder(request)
        }
        #expect(harness.server.count(.addOrder) == 1)
    }
}
