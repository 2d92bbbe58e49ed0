import HourglassCore
import Testing

@Suite struct LedgerTests {
    let hour = UTCTimestamp(secondsSinceEpoch: 1_609_459_200)

    func d(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text) }

    @Test func buyAndSellPostingsBalanceAndMoveTheRightAccounts() {
        var balances = LedgerBalances()
        balances.apply(.capital(postingId: 1, hourTs: hour, amountQuote: d("1000")))
        let buy = LedgerPosting.buy(
            postingId: 2, hourTs: hour, orderId: 1, symbol: "XBT/USD", notionalQuote: d("500"), feeQuote: d("2"))
        balances.apply(buy)
        #expect(buy.isBalanced && buy.debitsQuote == d("502"))
        #expect(balances.balance(of: LedgerAccount.cash) == d("498"))
        #expect(balances.balance(of: LedgerAccount.inventory("XBT/USD")) == d("500"))
        let sell = LedgerPosting.sell(
            postingId: 3, hourTs: hour, orderId: 2, symbol: "XBT/USD", notionalQuote: d("550"),
            costRemovedQuote: d("500"), feeQuote: d("2.2"))
        balances.apply(sell)
        #expect(sell.isBalanced)
        #expect(balances.balance(of: LedgerAccount.cash) == d("1045.8"))
        #expect(balances.balance(of: LedgerAccount.inventory("XBT/USD")).isZero)
        #expect(balances.balance(of: LedgerAccount.realizedPnl) == d("-50"))
        #expect(balances.balance(of: LedgerAccount.fees) == d("4.2"))
        #expect(balances.totalQuote.isZero)
        #expect(balances.entries.map(\.account) == balances.entries.map(\.account).sorted())
    }

    @Test func aLosingSellDebitsRealizedPnl() {
        let sell = LedgerPosting.sell(
            postingId: 1, hourTs: hour, orderId: 1, symbol: "ETH/USD", notionalQuote: d("90"),
            costRemovedQuote: d("100"), feeQuote: d("0.36"))
        #expect(sell.isBalanced)
        #expect(
            sell.lines.contains {
                $0.account == LedgerAccount.realizedPnl && $0.side == .debit && $0.amountQuote == d("10")
            })
    }

    @Test func anUnbalancedPostingIsRefusedOnDecode() {
        var writer = ByteWriter()
        writer.write(byte: 1)
        writer.write(unsigned: 7)
        writer.write(timestamp: hour)
        writer.write(string: "buy")
        writer.write(optional: UInt64?.none) { $0.write(unsigned: $1) }
        writer.write(unsigned: 2)
        writer.write(string: "cash")
        writer.write(byte: 0)
        writer.write(decimal: d("10"))
        writer.write(string: "fees")
        writer.write(byte: 1)
        writer.write(decimal: d("9"))
        #expect(throws: CodecError.self) { try LedgerPosted.decode(canonical: writer.bytes) }
    }

    @Test func feesAccountEqualsTheSumOfFillFeesOverTheSharedRun() {
        let fees = SharedRun.run.filled().reduce(FixedDecimal.zero) { $0 + $1.feeQuote }
        #expect(SharedRun.run.state.ledger.balance(of: LedgerAccount.fees) == fees)
        let contributed = SharedRun.run.state.ledger.balance(of: LedgerAccount.equityContributed)
        #expect(contributed == -EngineConfig.momentumBaseline.initialCashQuote)
    }

    @Test func everyPostingOfTheSharedRunBalances() {
        var count = 0
        for event in SharedRun.run.events {
            if case .ledgerPosted(let posted) = event {
                #expect(posted.posting.debitsQuote == posted.posting.creditsQuote)
                count += 1
            }
        }
        #expect(count == SharedRun.run.filled().count + 1)
    }
}
