import HourglassCore
import Testing

@Suite struct PaperFillTests {
    let config = EngineConfig.momentumBaseline
    let decided = UTCTimestamp(secondsSinceEpoch: 1_609_459_200)

    func d(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text) }

    func order(_ side: OrderSide, _ quantity: String, atr: String = "0.01") -> PendingOrder {
        PendingOrder(
            orderId: 1, symbol: "XBT/USD", side: side, quantityBase: d(quantity), decidedHourTs: decided,
            referencePriceQuote: d("100"),
            atrFraction: d(atr), atrQuote: d("1"), isExit: side == .sell, reason: "test")
    }

    @Test func slippageIsFixedPlusVolatilityAndCapped() {
        #expect(config.slippage.fraction(atrFraction: d("0.01")) == d("0.0015"))  // 5 bps + 0.1 × 1%
        #expect(config.slippage.fraction(atrFraction: .zero) == d("0.0005"))
        #expect(config.slippage.fraction(atrFraction: d("0.5")) == d("0.005"))  // capped at 50 bps
    }

    @Test func aBuyPaysOpenPlusSlippageWithTheFeeRoundedUp() throws {
        guard
            case .filled(let fill) = PaperFill.buy(
                order(.buy, "1.23456789"), openPriceQuote: d("100"), cashQuote: d("100000"), config: config)
        else {
            Issue.record("not filled")
            return
        }
        #expect(fill.fillPriceQuote == d("100.15"))
        #expect(fill.quantityBase == d("1.23456789"))
        #expect(fill.notionalQuote == d("123.6420"))  // 123.641974... rounded up to 4 decimals
        #expect(fill.feeQuote == d("0.4946"))  // 0.494568 rounded up
        #expect(fill.note.isEmpty)
    }

    @Test func aSellGetsOpenMinusSlippageAndNeverMoreThanHeld() throws {
        guard
            case .filled(let fill) = PaperFill.sell(
                order(.sell, "2"), openPriceQuote: d("100"), heldQuantityBase: d("1.5"), config: config)
        else {
            Issue.record("not filled")
            return
        }
        #expect(fill.fillPriceQuote == d("99.85"))
        #expect(fill.quantityBase == d("1.5"))
        #expect(fill.notionalQuote == d("149.775"))
        #expect(fill.feeQuote == d("0.5991"))  // 0.5991 exactly
        #expect(fill.note == "reduced_to_holding")
        #expect(
            PaperFill.sell(order(.sell, "1"), openPriceQuote: d("100"), heldQuantityBase: .zero, config: config)
                == .cancelled(reason: "nothing_held"))
    }

    @Test func aBuyLargerThanCashIsReducedSoCashStaysNonNegative() throws {
        let cash = d("50")
        guard
            case .filled(let fill) = PaperFill.buy(
                order(.buy, "1"), openPriceQuote: d("100"), cashQuote: cash, config: config)
        else {
            Issue.record("not filled")
            return
        }
        #expect(fill.note == "reduced_to_available_cash")
        #expect(fill.notionalQuote + fill.feeQuote <= cash)
        let oneLotMore = fill.quantityBase + d("0.00000001")
        #expect(
            config.buyCostQuote(quantityBase: oneLotMore, priceQuote: fill.fillPriceQuote) > cash,
            "the largest quantity that fits")
        #expect(
            PaperFill.buy(order(.buy, "1"), openPriceQuote: d("100"), cashQuote: d("0.001"), config: config)
                == .cancelled(reason: "insufficient_cash"))
    }

    @Test func quantitiesRoundDownToTheLot() throws {
        guard
            case .filled(let fill) = PaperFill.buy(
                order(.buy, "0.123456789999"), openPriceQuote: d("100"), cashQuote: d("1000"), config: config)
        else {
            Issue.record("not filled")
            return
        }
        #expect(fill.quantityBase == d("0.12345678"))
    }
}
