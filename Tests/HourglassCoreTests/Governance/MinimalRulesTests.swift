import HourglassCore
import Testing

@Suite struct MinimalRulesTests {
    let config = EngineConfig.momentumBaseline
    let hour = UTCTimestamp(secondsSinceEpoch: 1_609_459_200)

    func d(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text) }

    /// Equity 100 000; `held` is (symbol, quantity) at price 100.
    func context(
        cash: String = "100000", equity: String = "100000", held: [(String, String)] = [], barValid: Bool = true
    ) -> GovernanceContext {
        let positions = held.map {
            PositionView(
                symbol: $0.0, quantityBase: d($0.1), markPriceQuote: d("100"),
                valueQuote: d($0.1).multiplied(by: d("100"), rounding: .halfEven), openedTs: hour)
        }
        let markets = config.universe.map {
            MarketView(
                symbol: $0, barValid: barValid, barProblem: barValid ? nil : "missing", lastPriceQuote: d("100"),
                historyBars: 500,
                features: nil, regime: .trend, lotDecimals: 8, minOrderBase: config.pair($0).minOrderBase,
                lastExitTs: nil, lastStopOutTs: nil)
        }
        return GovernanceContext(
            hourTs: hour, freeCashQuote: d(cash), equityQuote: d(equity), peakEquityQuote: d(equity),
            dayOpenEquityQuote: d(equity),
            positions: positions, markets: markets, correlations: [], closedTrades: [], entriesThisHour: 0,
            entriesToday: 0,
            killSwitchTripped: false, killSwitchReason: nil, breakerState: "NORMAL", missingBarShare: 0)
    }

    func buy(_ quantity: String, _ symbol: String = "ETH/USD") -> ProposedOrder {
        ProposedOrder(
            symbol: symbol, side: .buy, quantityBase: d(quantity), referencePriceQuote: d("100"), isExit: false,
            expectedEdge: 0.02, confidence: 0.8, stopDistanceFraction: 0.02, reason: "test")
    }

    func sell(_ quantity: String, _ symbol: String = "ETH/USD") -> ProposedOrder {
        ProposedOrder(
            symbol: symbol, side: .sell, quantityBase: d(quantity), referencePriceQuote: d("100"), isExit: true,
            expectedEdge: 0, confidence: 1, stopDistanceFraction: 0, reason: "exit:test")
    }

    // cash_sufficiency: 10 ETH at 100 costs 1000 + 4 fee = 1004.
    @Test func cashSufficiency() {
        let rule = CashSufficiencyRule(config: config)
        #expect(rule.judge(buy("10"), in: context(cash: "1005")).outcome == .pass)
        #expect(rule.judge(buy("10"), in: context(cash: "1004")).outcome == .pass)
        let modified = rule.judge(buy("10"), in: context(cash: "1003.99"))
        guard case .modify(let quantity) = modified.outcome else {
            Issue.record("expected MODIFY")
            return
        }
        #expect(config.buyCostQuote(quantityBase: quantity, priceQuote: d("100")) <= d("1003.99"))
        #expect(config.buyCostQuote(quantityBase: quantity + d("0.00000001"), priceQuote: d("100")) > d("1003.99"))
        #expect(quantity == d("9.9999"), "notional rounds up to 0.0001 USD, so the last 39 lots do not fit")
        #expect(rule.judge(buy("10"), in: context(cash: "0.1")).outcome == .block, "below the 0.002 ETH minimum")
        #expect(rule.judge(sell("10"), in: context(cash: "0", held: [("ETH/USD", "10")])).outcome == .pass)
    }

    @Test func longOnly() {
        let rule = LongOnlyRule()
        #expect(rule.judge(sell("1"), in: context(held: [("ETH/USD", "2")])).outcome == .pass)
        #expect(rule.judge(sell("2"), in: context(held: [("ETH/USD", "2")])).outcome == .pass)
        #expect(rule.judge(sell("3"), in: context(held: [("ETH/USD", "2")])).outcome == .modify(quantityBase: d("2")))
        #expect(rule.judge(sell("1"), in: context()).outcome == .block)
        #expect(rule.judge(buy("1"), in: context()).outcome == .pass)
    }

    @Test func maxPositions() {
        let rule = MaxPositionsRule(maxOpenPositions: 2)
        #expect(rule.judge(buy("1"), in: context(held: [("BCH/USD", "1")])).outcome == .pass)
        #expect(rule.judge(buy("1"), in: context(held: [("BCH/USD", "1"), ("LTC/USD", "1")])).outcome == .block)
        #expect(
            rule.judge(buy("1", "LTC/USD"), in: context(held: [("BCH/USD", "1"), ("LTC/USD", "1")])).outcome == .pass,
            "adding does not open")
        #expect(MaxPositionsRule(maxOpenPositions: 10).judge(buy("1"), in: context()).measured == .integer(1))
    }

    // total_exposure: cap 20% of 100 000 = 20 000; 15 000 already held.
    @Test func totalExposure() {
        let rule = TotalExposureRule(cap: config.risk.totalExposureCap)
        let held = [("BCH/USD", "150")]
        #expect(rule.judge(buy("49"), in: context(held: held)).outcome == .pass)
        #expect(rule.judge(buy("50"), in: context(held: held)).outcome == .pass, "exactly at the cap passes")
        #expect(rule.judge(buy("50.00000001"), in: context(held: held)).outcome == .modify(quantityBase: d("50")))
        #expect(rule.judge(buy("80"), in: context(held: held)).outcome == .modify(quantityBase: d("50")))
        #expect(rule.judge(buy("1"), in: context(held: [("BCH/USD", "200")])).outcome == .block)
        #expect(rule.judge(sell("1", "BCH/USD"), in: context(held: [("BCH/USD", "300")])).outcome == .pass)
    }

    // position_size_cap: 5% of 100 000 = 5 000 = 50 ETH at 100.
    @Test func positionSizeCap() {
        let rule = PositionSizeCapRule(cap: config.limits.perAssetCap)
        #expect(rule.judge(buy("49.99"), in: context()).outcome == .pass)
        #expect(rule.judge(buy("50"), in: context()).outcome == .pass)
        #expect(rule.judge(buy("50.01"), in: context()).outcome == .modify(quantityBase: d("50")))
        #expect(rule.judge(buy("30"), in: context(held: [("ETH/USD", "40")])).outcome == .modify(quantityBase: d("10")))
        #expect(rule.judge(buy("30"), in: context(held: [("ETH/USD", "50")])).outcome == .block)
    }

    @Test func dataIntegrity() {
        let rule = DataIntegrityRule()
        #expect(rule.judge(buy("1"), in: context()).outcome == .pass)
        #expect(rule.judge(buy("1"), in: context(barValid: false)).outcome == .block)
        #expect(rule.judge(buy("1", "DOGE/USD"), in: context()).outcome == .block)
    }

    @Test func theRuleBookCombinesToTheSmallestModification() {
        let book = RuleBook(rules: RuleBook.minimalRules(config: config))
        #expect(
            book.ids == [
                "cash_sufficiency", "long_only", "max_positions", "total_exposure", "position_size_cap",
                "data_integrity",
            ])
        let verdict = book.judge(buy("80"), context: context(cash: "3000"))
        #expect(verdict.decision == .modify)
        #expect(
            verdict.approvedQuantityBase
                == config.affordableQuantity(cashQuote: d("3000"), priceQuote: d("100"), lotDecimals: 8))
        #expect(verdict.results.count == 6)
        let exit = book.judge(sell("5"), context: context(cash: "0", held: [("ETH/USD", "5")], barValid: true))
        #expect(exit.decision == .approve, "exits are not limited by entry rules")
    }

    @Test func theFullBookIsTheMinimalRulesThenTheGovernanceRules() {
        #expect(RuleBook(config: config).ids == RuleBook.minimalRules(config: config).map(\.id) + GovernanceRules.ids)
        var off = config
        off.governanceEnabled = false
        #expect(RuleBook(config: off).ids == ["cash_sufficiency", "long_only", "min_order"])
    }

    /// A MODIFY below the pair's minimum must not become an order: `min_order` judges the final size.
    @Test func aModificationBelowTheMinimumOrderIsBlocked() {
        let book = RuleBook(rules: RuleBook.minimalRules(config: config) + [MinOrderRule(config: config.risk)])
        let minimum = config.pair("ETH/USD").minOrderBase
        // Free cash buys less than the minimum: cash_sufficiency itself blocks.
        let cost = config.buyCostQuote(quantityBase: minimum, priceQuote: d("100"))
        let starved = book.judge(buy("1"), context: context(cash: (cost - d("0.01")).description))
        #expect(starved.decision == .block && starved.approvedQuantityBase == .zero)
        // A rule that cuts below the minimum without checking it → min_order blocks the final size.
        let cutting = RuleBook(
            rules: RuleBook.minimalRules(config: config) + [
                CutTo(quantity: d("0.00000001")), MinOrderRule(config: config.risk),
            ])
        let verdict = cutting.judge(buy("1"), context: context())
        #expect(verdict.decision == .block && verdict.approvedQuantityBase == .zero)
        let minOrder = verdict.results.first { $0.ruleId == "min_order" }
        #expect(minOrder?.outcome == .block && minOrder?.reason.hasPrefix("after MODIFY to") == true)
    }

    /// Closing a whole holding below the minimum (dust) is always allowed; a partial sell below it is not.
    @Test func aWholePositionExitBelowTheMinimumPasses() {
        let rule = MinOrderRule(config: config.risk)
        let minimum = config.pair("ETH/USD").minOrderBase
        let dust = (minimum.divided(by: FixedDecimal(2), rounding: .down)).rounded(decimals: 8, .down)
        let held = context(held: [("ETH/USD", dust.description)])
        #expect(rule.judge(sell(dust.description), in: held).outcome == .pass)
        let bigger = context(held: [("ETH/USD", "5")])
        #expect(rule.judge(sell(dust.description), in: bigger).outcome == .block)
    }
}

/// A test rule that MODIFYs every entry to `quantity` without looking at the pair's minimum.
struct CutTo: GovernanceRule {
    let id = "cut_to"
    let scope = RuleScope.entries
    let quantity: FixedDecimal
    func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult {
        RuleResult(
            ruleId: id, measured: .decimal(order.quantityBase), threshold: .decimal(quantity),
            outcome: .modify(quantityBase: quantity), reason: "cut")
    }
}
