import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenClientOrderTests {
    let reference = ClientOrderReference(
        runId: "run-7", hourTs: UTCTimestamp(secondsSinceEpoch: 1_767_225_600), orderId: 3)

    func marketBuy(_ quantity: String = "0.25") throws -> KrakenOrderRequest {
        KrakenOrderRequest(
            pair: "XXBTZUSD", side: .buy, orderType: .market, volumeBase: try FixedDecimal.parse(quantity),
            reference: reference)
    }

    @Test func placesAMarketOrderAndReadsItsFill() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setClock(1_767_229_300)
        let placement = try await harness.client.placeOrder(try marketBuy())
        guard case .placed(let ack) = placement else {
            Issue.record("expected .placed, got \(placement)")
            return
        }
        #expect(ack.txids.count == 1)
        let sent = try #require(harness.server.seen.last { $0.path == KrakenEndpoint.addOrder.path })
        #expect(sent.form.value("cl_ord_id") == reference.clientOrderId)
        #expect(sent.form.value("deadline") == "2026-01-01T01:01:55Z")
        let order = try #require(try await harness.client.queryOrders(txids: ack.txids).first)
        #expect(order.status == .closed && order.clientOrderId == reference.clientOrderId)
        #expect(order.volumeExecutedBase == dec("0.25"))
        let trades = try await harness.client.tradesHistory().trades
        #expect(trades.count == 1 && trades[0].orderTxid == ack.txids[0])
        #expect(trades[0].priceQuote == dec("30300.1"))
        #expect(trades[0].costQuote == dec("7575.025"))
    }

    @Test func aPartialFillStaysOpenAndCanBeCancelledByReference() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setFillMode(.partial(fraction: dec("0.4")))
        _ = try await harness.client.placeOrder(try marketBuy("1"))
        let open = try await harness.client.openOrders()
        #expect(open.count == 1 && open[0].isPartiallyFilled)
        #expect(open[0].volumeExecutedBase == dec("0.4"))
        let cancelled = try await harness.client.cancelOrder(clientOrderId: reference.clientOrderId)
        #expect(cancelled.count == 1)
        #expect(try await harness.client.openOrders().isEmpty)
        #expect(
            try await harness.client.closedOrders(clientOrderId: reference.clientOrderId).first?.status == .canceled)
    }

    @Test func aLostAcknowledgementIsFoundByReferenceAndNotSentAgain() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setClock(1_767_229_300, step: 20)
        harness.server.enqueue(.addOrder, .actThenHangUp)
        let placement = try await harness.client.placeOrder(try marketBuy())
        guard case .recovered(let order) = placement else {
            Issue.record("expected .recovered, got \(placement)")
            return
        }
        #expect(order.clientOrderId == reference.clientOrderId)
        #expect(harness.server.orderCount == 1)
        #expect(harness.server.count(.addOrder) == 1)
    }

    @Test func aRequestLostBeforeKrakenActedIsSentAgainAfterItsDeadline() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setClock(1_767_229_300, step: 20)
        harness.server.enqueue(.addOrder, .hangUp)
        let placement = try await harness.client.placeOrder(try marketBuy())
        guard case .placed = placement else {
            Issue.record("expected .placed, got \(placement)")
            return
        }
        #expect(harness.server.orderCount == 1)
        #expect(harness.server.count(.addOrder) == 2)
        let deadlines = harness.server.seen.filter { $0.path == KrakenEndpoint.addOrder.path }.map {
            $0.form.value("deadline")
        }
        #expect(deadlines.count == 2 && deadlines[0] != deadlines[1])
    }

    @Test func aRestartFindsTheOrderAlreadyPlaced() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        _ = try await harness.client.placeOrder(try marketBuy())
        let again = try await harness.client.placeOrder(try marketBuy())
        guard case .alreadyPlaced = again else {
            Issue.record("expected .alreadyPlaced, got \(again)")
            return
        }
        #expect(harness.server.orderCount == 1 && harness.server.count(.addOrder) == 1)
    }

    @Test func whenKrakensClockNeverPassesTheDeadlineNothingIsResent() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.setClock(1_767_229_300)
        harness.server.enqueue(.addOrder, .hangUp)
        await #expect {
            try await harness.client.placeOrder(try marketBuy())
        } throws: { error in
            guard case .orderOutcomeUnknown(let id, _)? = error as? KrakenError else { return false }
            return id == reference.clientOrderId
        }
        #expect(harness.server.count(.addOrder) == 1)
    }

    @Test func insufficientFundsIsRefusedWithoutRetry() async throws {
        let harness = try ClientHarness()
        defer { harness.finish() }
        harness.server.enqueue(.addOrder, .krakenError(["EOrder:Insufficient funds"]))
        await #expect(throws: KrakenError.api(.addOrder, [KrakenAPIError("EOrder:Insufficient funds")])) {
            try await harness.client.placeOrder(try marketBuy())
        }
        #expect(harness.server.count(.addOrder) == 1)
    }
}
