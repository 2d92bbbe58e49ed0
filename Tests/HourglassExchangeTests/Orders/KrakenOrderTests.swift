import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenOrderTests {
    @Test func parsesTheDocumentedQueryOrdersExample() throws {
        let orders = try KrakenOrder.parseAll(try krakenResult(KrakenFixtures.queryOrders, .queryOrders))
        #expect(orders.count == 1)
        let order = orders[0]
        #expect(order.txid == "OBCMZD-JIEE7-77TH3F" && order.status == .closed && order.side == .buy)
        #expect(order.volumeExecutedBase == dec("1.25"))
        #expect(order.costQuote == dec("27526.2") && order.feeQuote == dec("26.2"))
        #expect(order.openedAt.secondsSinceEpoch == 1_688_665_496)
        #expect(order.closedAt?.secondsSinceEpoch == 1_688_665_499)
        #expect(order.tradeIds == ["TZX2WP-XSEOP-FP7WYR"])
        #expect(!order.isPartiallyFilled)
    }

    @Test func parsesTheDocumentedAddOrderExample() throws {
        let ack = try KrakenOrderAck.parse(try krakenResult(KrakenFixtures.addOrder, .addOrder), validateOnly: false)
        #expect(ack.txids == ["OU22CG-KLAF2-FWUDD7"])
        #expect(ack.description == "buy 1.25000000 XBTUSD @ limit 27500.0")
    }

    @Test func aPlacedOrderWithoutTxidIsMalformed() {
        #expect {
            try KrakenOrderAck.parse(
                try krakenResult(envelope(#"{"descr":{"order":"x"}}"#), .addOrder), validateOnly: false)
        } throws: { error in "\(error)".contains("no txid") }
    }

    @Test func parsesTheDocumentedTradesHistoryExample() throws {
        let page = try KrakenTradesPage.parse(try krakenResult(KrakenFixtures.tradesHistory, .tradesHistory))
        #expect(page.totalCount == 2346)
        let trade = try #require(page.trades.first)
        #expect(trade.tradeId == "THVRQM-33VKH-UCI7BS" && trade.orderTxid == "OQCLML-BW3P3-BUCMWZ")
        #expect(trade.priceQuote == dec("30010") && trade.volumeBase == dec("0.02"))
        #expect(trade.costQuote == dec("600.2") && trade.executedAt.secondsSinceEpoch == 1_688_667_796)
    }
}
