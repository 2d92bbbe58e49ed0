import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenClientRetryTests {
    @Test func retriesARateLimitWithBackoffThenSucceeds() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.enqueue(
            .balance, .krakenError(["EAPI:Rate limit exceeded"]), .krakenError(["EAPI:Rate limit exceeded"]))
        let balances = try await harness.client.balances()
        #expect(balances.amount(of: "ZUSD") == dec("171288.6158"))
        #expect(harness.server.count(.balance) == 3)
        #expect(harness.sleeper.delays == [1.5, 2])
        #expect(await harness.client.health.consecutiveFailures == 0)
    }

    @Test func givesUpAfterTheBoundedAttemptsAndSignalsInstability() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.enqueue(
            .time, .krakenError(["EService:Unavailable"]), .krakenError(["EService:Unavailable"]),
            .krakenError(["EService:Unavailable"]))
        await #expect(
            throws: KrakenError.retriesExhausted(
                .time, attempts: 3, last: .api(.time, [KrakenAPIError("EService:Unavailable")]))
        ) {
            try await harness.client.serverTime()
        }
        #expect(harness.server.count(.time) == 3)
        #expect(harness.sleeper.delays == [1, 2])
        let instability = try #require(await harness.client.health.instability)
        #expect(instability.consecutiveFailures == 3)
        let trip = instability.killSwitchTrip
        #expect(trip.reason == "exchange_instability")
        #expect(trip.measured == .integer(3) && trip.threshold == .integer(3))
        _ = try await harness.client.serverTime()
        #expect(await harness.client.health.instability == nil)
    }

    @Test func aTimeoutIsRetriedAndReportedAsATimeout() async throws {
        let harness = try ClientHarness(timeoutSeconds: 0.5)
        defer { harness.finish() }
        harness.server.enqueue(.time, .delay(seconds: 2))
        let time = try await harness.client.serverTime()
        #expect(time.now.secondsSinceEpoch > 0)
        #expect(harness.sleeper.delays == [1])

        let once = try ClientHarness(timeoutSeconds: 0.5, policy: RetryPolicy(attemptsMax: 1))
        defer { once.finish() }
        once.server.enqueue(.time, .delay(seconds: 2))
        await #expect(throws: KrakenError.retriesExhausted(.time, attempts: 1, last: .timeout(.time, seconds: 0.5))) {
            try await once.client.serverTime()
        }
    }

    @Test func malformedJSONIsATypedErrorAndNotRetried() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.enqueue(.ticker, .raw(status: 200, body: "{\"error\":[],\"result\":{\"XXBTZUSD\":"))
        await #expect {
            try await harness.client.tickers(["XBTUSD"])
        } throws: { error in
            guard case .malformed(.ticker, let reason)? = error as? KrakenError else { return false }
            return reason.contains("not JSON")
        }
        #expect(harness.server.count(.ticker) == 1)
        #expect(await harness.client.health.consecutiveFailures == 1)
    }

    @Test func aServerErrorPageIsRetried() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.enqueue(.time, .raw(status: 502, body: "<html>Bad Gateway</html>"))
        _ = try await harness.client.serverTime()
        #expect(harness.server.count(.time) == 2)
    }

    @Test func anInvalidNonceIsRetriedWithALargerNonce() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.enqueue(.balance, .krakenError(["EAPI:Invalid nonce"]))
        _ = try await harness.client.balances()
        let nonces = harness.server.seen.filter { $0.path == KrakenEndpoint.balance.path }
            .compactMap { $0.form.value("nonce").flatMap(UInt64.init) }
        #expect(nonces.count == 2 && nonces[0] < nonces[1])
    }
}
