import Testing

@testable import HourglassCore

@Suite struct GovernanceVerdictTests {
    @Test func allRulesAreListedInTheDocumentedOrder() {
        let rules = GovernanceRules.all(config: .default)
        #expect(rules.map(\.id) == GovernanceRules.ids)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(rules.filter { $0.scope == .all }.map(\.id) == ["min_order"])
    }

    @Test func aCleanEntryIsApprovedByEveryRule() {
        let verdict = GovernanceVerdict.judge(
            Fx.buy("4"), rules: GovernanceRules.all(config: .default), context: Fx.context())
        #expect(verdict.decision == .approve, "\(verdict.results.filter { $0.outcome != .pass }.map(\.reason))")
        #expect(verdict.results.count == GovernanceRules.ids.count)
    }

    @Test func smallestModificationWins() {
        // Drawdown 10% halves 8 → 4; high-vol budget 9000 × 2% × 0.5 ÷ 20% = 450 → 4.5: 4 wins.
        let context = Fx.context(equity: "9000", peak: "10000", markets: [Fx.market(regime: .highVol)])
        let verdict = GovernanceVerdict.judge(
            Fx.buy("8", stop: 0.2), rules: GovernanceRules.all(config: .default), context: context)
        #expect(verdict.decision == .modify)
        #expect(verdict.approvedQuantityBase == Fx.d("4"))
        #expect(verdict.results.compactMap(\.modifiedQuantity).sorted() == [Fx.d("4"), Fx.d("4.5")])
    }

    @Test func blockBeatsModify() {
        let context = Fx.context(equity: "9000", peak: "10000", entriesThisHour: 3)
        let verdict = GovernanceVerdict.judge(
            Fx.buy("30"), rules: GovernanceRules.all(config: .default), context: context)
        #expect(verdict.decision == .block)
        #expect(verdict.approvedQuantityBase == .zero)
        #expect(verdict.results.contains { $0.modifiedQuantity != nil })
    }

    @Test func exitsAreNeverBlockedByEntryRules() {
        var blocking = RiskConfig.default
        blocking.blockedHoursUTC = Array(0...23)
        let context = Fx.context(
            equity: "7000", peak: "10000", dayOpen: "9000", positions: [Fx.position("XBT/USD", value: "5000")],
            markets: [
                Fx.market(
                    regime: .crash, historyBars: 3, features: Fx.features(volatilityPercentile: 1, rangeRatio: 9),
                    lastExitTs: Fx.hour, lastStopOutTs: Fx.hour)
            ],
            closedTrades: Fx.trades(wins: 0, win: 0.01, losses: 25, loss: 0.02), entriesThisHour: 9, entriesToday: 99,
            killSwitch: true, breaker: "HALT", missingBarShare: 0.9)
        let rules = GovernanceRules.all(config: blocking)
        let entry = GovernanceVerdict.judge(Fx.buy("1"), rules: rules, context: context)
        #expect(entry.decision == .block)
        let blockers = entry.results.filter { $0.outcome == .block }.map(\.ruleId)
        #expect(
            blockers == [
                "kill_switch", "circuit_breaker", "signal_quality", "correlation_cluster_cap", "daily_loss_limit",
                "drawdown_tiers", "volatility_regime", "spread_anomaly", "whipsaw_protection", "time_of_day",
                "trade_frequency",
            ])
        let exit = GovernanceVerdict.judge(Fx.sell("50"), rules: rules, context: context)
        #expect(exit.decision == .approve)
        #expect(exit.approvedQuantityBase == Fx.d("50"))
        #expect(exit.results.allSatisfy { $0.outcome == .pass })
    }

    @Test func modifiedSizesAreRoundedDownToTheLot() {
        let context = Fx.context(equity: "9000", peak: "10000", markets: [Fx.market(lotDecimals: 2)])
        let verdict = GovernanceVerdict.judge(
            Fx.buy("0.33"), rules: [DrawdownTiersRule(config: .default)], context: context)
        #expect(verdict.approvedQuantityBase == Fx.d("0.16"))
    }
}
