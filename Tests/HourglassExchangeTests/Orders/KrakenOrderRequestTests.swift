import HourglassCore
import HourglassExchange
import Testing

@Suite struct KrakenOrderRequestTests {
    @Test func writesAMarketOrderWithItsReferenceAndDeadline() throws {
        let reference = ClientOrderReference(runId: "run-1", hourTs: UTCTimestamp(secondsSinceEpoch: 3600), orderId: 7)
        let request = KrakenOrderRequest(
            pair: "XXBTZUSD", side: .sell, orderType: .market,
            volumeBase: dec("0.125"), reference: reference,
            deadline: UTCTimestamp(secondsSinceEpoch: 3615), validateOnly: true)
        #expect(
            KrakenForm(try request.formFields()).encoded
                == "ordertype=market&type=sell&volume=0.125&pair=XXBTZUSD&cl_ord_id=\(reference.clientOrderId)"
                + "&deadline=1970-01-01T01%3A00%3A15Z&validate=true")
    }

    @Test func writesTheLimitPrice() throws {
        let request = KrakenOrderRequest(
            pair: "XBTUSD", side: .buy, orderType: .limit(priceQuote: dec("37500")),
            volumeBase: dec("1.25"))
        #expect(
            KrakenForm(try request.formFields()).encoded
                == "ordertype=limit&type=buy&volume=1.25&pair=XBTUSD&price=37500")
    }

    @Test func refusesUserrefTogetherWithClOrdIdAndNonPositiveVolume() throws {
        let both = KrakenOrderRequest(
            pair: "XBTUSD", side: .buy, orderType: .market, volumeBase: .one,
            clientOrderId: "a", userReference: 5)
        #expect(throws: KrakenError.invalidRequest(.addOrder, reason: "cl_ord_id and userref are mutually exclusive")) {
            try both.formFields()
        }
        let empty = KrakenOrderRequest(pair: "XBTUSD", side: .buy, orderType: .market, volumeBase: .zero)
        #expect(throws: KrakenError.self) { try empty.formFields() }
    }
}
