import Testing

@testable import HourglassCore

/// Each rule just below, at and above its threshold, and its MODIFY case where it has one.
@Suite struct GovernanceRulesTests {
    let config = Fx.config

    @Test func leverageCapPassesBelowAndAtCapAndCutsAbove() {
        let rule = LeverageCapRule(config: config)
        let context = Fx.context(
            positions: [Fx.position("ETH/USD", value: "9000")],
            markets: [Fx.market(), Fx.market("ETH/USD")])
        #expect(rule.judge(Fx.buy("9"), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("10"), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("15"), in: context).outcome == .modify(quantityBase: Fx.d("10")))
        let full = Fx.context(
            positions: [Fx.position("ETH/USD", value: "10000")], markets: [Fx.market(), Fx.market("ETH/USD")])
        #expect(rule.judge(Fx.buy("1"), in: full).outcome == .block)
    }

    @Test func correlationClusterCapCountsLinkedHoldings() {
        let rule = CorrelationClusterCapRule(config: config)
        let linked = [CorrelationEntry(symbolA: "ETH/USD", symbolB: "XBT/USD", correlation: 0.85)]
        let context = Fx.context(positions: [Fx.position("ETH/USD", value: "600")], correlations: linked)
        #expect(rule.judge(Fx.buy("3"), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("4"), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("6"), in: context).outcome == .modify(quantityBase: Fx.d("4")))
        let atThreshold = Fx.context(
            positions: [Fx.position("ETH/USD", value: "600")],
            correlations: [CorrelationEntry(symbolA: "ETH/USD", symbolB: "XBT/USD", correlation: 0.8)])
        #expect(rule.judge(Fx.buy("6"), in: atThreshold).outcome == .pass)
        let full = Fx.context(positions: [Fx.position("ETH/USD", value: "1000")], correlations: linked)
        #expect(rule.judge(Fx.buy("1"), in: full).outcome == .block)
    }

    @Test func correlationClustersAreTransitive() {
        let rule = CorrelationClusterCapRule(config: config)
        let correlations = [
            CorrelationEntry(symbolA: "ETH/USD", symbolB: "SOL/USD", correlation: 0.9),
            CorrelationEntry(symbolA: "ETH/USD", symbolB: "XBT/USD", correlation: 0.85),
            CorrelationEntry(symbolA: "SOL/USD", symbolB: "XBT/USD", correlation: 0.1),
        ]
        let context = Fx.context(positions: [Fx.position("SOL/USD", value: "900")], correlations: correlations)
        #expect(rule.cluster(of: "XBT/USD", in: context) == ["ETH/USD", "SOL/USD", "XBT/USD"])
        #expect(rule.judge(Fx.buy("5"), in: context).outcome == .modify(quantityBase: Fx.d("1")))
    }

    @Test func feeHurdleRequiresEdgeStrictlyAboveCost() {
        let rule = FeeHurdleRule(config: config)
        let context = Fx.context()
        #expect(rule.judge(Fx.buy("1", edge: 0.0099), in: context).outcome == .block)
        #expect(rule.judge(Fx.buy("1", edge: 0.01), in: context).outcome == .block)
        #expect(rule.judge(Fx.buy("1", edge: 0.0101), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("1", edge: .nan), in: context).outcome == .block)
    }

    @Test func signalQualityNeedsConfidenceAndHistory() {
        let rule = SignalQualityRule(config: config)
        let context = Fx.context()
        #expect(rule.judge(Fx.buy("1", confidence: 0.54), in: context).outcome == .block)
        #expect(rule.judge(Fx.buy("1", confidence: 0.55), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("1", confidence: 0.56), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(markets: [Fx.market(historyBars: 167)])).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(markets: [Fx.market(historyBars: 168)])).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(markets: [Fx.market(features: nil)])).outcome == .block)
        #expect(rule.judge(Fx.buy("1", symbol: "DOGE/USD"), in: context).outcome == .block)
    }

    @Test func dailyLossLimitBlocksAtThreePercent() {
        let rule = DailyLossLimitRule(config: config)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "9701", dayOpen: "10000")).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "9700", dayOpen: "10000")).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "9600", dayOpen: "10000")).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "10500", dayOpen: "10000")).outcome == .pass)
    }

    @Test func drawdownTierOneHalvesRisk() {
        let rule = DrawdownTiersRule(config: config)
        #expect(rule.judge(Fx.buy("10"), in: Fx.context(equity: "9001", peak: "10000")).outcome == .pass)
        #expect(
            rule.judge(Fx.buy("10"), in: Fx.context(equity: "9000", peak: "10000")).outcome
                == .modify(quantityBase: Fx.d("5")))
        #expect(
            rule.judge(Fx.buy("10"), in: Fx.context(equity: "8600", peak: "10000")).outcome
                == .modify(quantityBase: Fx.d("5")))
    }

    @Test func drawdownTierTwoHalvesTheExposureCap() {
        let rule = DrawdownTiersRule(config: config)
        // 15% drawdown: exposure cap 10% of 8500 = 850; 800 already held leaves 50 → 0.5 units.
        let held = Fx.context(equity: "8500", peak: "10000", positions: [Fx.position("ETH/USD", value: "800")])
        #expect(rule.judge(Fx.buy("10"), in: held).outcome == .modify(quantityBase: Fx.d("0.5")))
        #expect(
            rule.judge(Fx.buy("10"), in: Fx.context(equity: "8500", peak: "10000")).outcome
                == .modify(quantityBase: Fx.d("5")))
        let full = Fx.context(equity: "8500", peak: "10000", positions: [Fx.position("ETH/USD", value: "850")])
        #expect(rule.judge(Fx.buy("1"), in: full).outcome == .block)
    }

    @Test func drawdownTierThreeBlocks() {
        let rule = DrawdownTiersRule(config: config)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "8001", peak: "10000")).outcome != .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "8000", peak: "10000")).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(equity: "7000", peak: "10000")).outcome == .block)
    }

    @Test func volatilityRegimeBlocksAboveThePercentileAndInACrash() {
        let rule = VolatilityRegimeRule(config: config)
        func context(_ percentile: Double, regime: Regime = .trend) -> GovernanceContext {
            Fx.context(markets: [Fx.market(regime: regime, features: Fx.features(volatilityPercentile: percentile))])
        }
        #expect(rule.judge(Fx.buy("1"), in: context(0.94)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(0.95)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(0.96)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(0.5, regime: .crash)).outcome == .block)
    }

    @Test func volatilityRegimeCapsHighVolAtTheRegimeRiskBudget() {
        let rule = VolatilityRegimeRule(config: config)
        let context = Fx.context(markets: [Fx.market(regime: .highVol)])
        // 10 000 × 2% × 0.5 ÷ 4% = 2 500 quote = 25 units.
        #expect(rule.judge(Fx.buy("20", stop: 0.04), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("25", stop: 0.04), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("30", stop: 0.04), in: context).outcome == .modify(quantityBase: Fx.d("25")))
        #expect(rule.judge(Fx.buy("30", stop: 0), in: context).outcome == .modify(quantityBase: Fx.d("15")))
    }

    @Test func winRateDegradationHalvesBelowThirtyFivePercent() {
        let rule = WinRateDegradationRule(config: config)
        func context(wins: Int, losses: Int) -> GovernanceContext {
            Fx.context(closedTrades: Fx.trades(wins: wins, win: 0.03, losses: losses, loss: 0.01))
        }
        #expect(rule.judge(Fx.buy("10"), in: context(wins: 8, losses: 12)).outcome == .pass)
        #expect(rule.judge(Fx.buy("10"), in: context(wins: 7, losses: 13)).outcome == .pass)
        #expect(rule.judge(Fx.buy("10"), in: context(wins: 6, losses: 14)).outcome == .modify(quantityBase: Fx.d("5")))
        #expect(
            rule.judge(Fx.buy("10"), in: context(wins: 0, losses: 19)).outcome == .pass, "not judged before 20 trades")
    }

    @Test func consecutiveLossesBlockForADay() {
        let rule = ConsecutiveLossesRule(config: config)
        func context(losses: Int, lastHoursAgo: Int64) -> GovernanceContext {
            var trades = [Fx.trade(0.02, hoursAgo: 200)]
            for index in 0..<losses {
                trades.append(Fx.trade(-0.01, hoursAgo: lastHoursAgo + Int64(losses - 1 - index)))
            }
            return Fx.context(closedTrades: trades)
        }
        #expect(rule.judge(Fx.buy("1"), in: context(losses: 4, lastHoursAgo: 1)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(losses: 5, lastHoursAgo: 1)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(losses: 6, lastHoursAgo: 1)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(losses: 5, lastHoursAgo: 23)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(losses: 5, lastHoursAgo: 24)).outcome == .pass)
    }

    @Test func whipsawBlocksReentryWithinSixHours() {
        let rule = WhipsawProtectionRule(config: config)
        func context(exitHoursAgo: Int64) -> GovernanceContext {
            Fx.context(markets: [Fx.market(lastExitTs: Fx.hour.adding(hours: -exitHoursAgo))])
        }
        #expect(rule.judge(Fx.buy("1"), in: context(exitHoursAgo: 5)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(exitHoursAgo: 6)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(exitHoursAgo: 7)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context()).outcome == .pass)
    }

    @Test func whipsawBlocksBuysWithinThreeHoursOfAStopOut() {
        var relaxed = config
        relaxed.whipsawReentryHours = 0
        let rule = WhipsawProtectionRule(config: relaxed)
        func context(stopHoursAgo: Int64) -> GovernanceContext {
            let ts = Fx.hour.adding(hours: -stopHoursAgo)
            return Fx.context(markets: [Fx.market(lastExitTs: ts, lastStopOutTs: ts)])
        }
        #expect(rule.judge(Fx.buy("1"), in: context(stopHoursAgo: 2)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(stopHoursAgo: 3)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(stopHoursAgo: 4)).outcome == .pass)
    }

    @Test func timeOfDayBlocksConfiguredHours() {
        var blocking = config
        blocking.blockedHoursUTC = [11, 12]
        let context = Fx.context()  // 12:00 UTC
        #expect(TimeOfDayRule(config: config).judge(Fx.buy("1"), in: context).outcome == .pass)
        #expect(TimeOfDayRule(config: blocking).judge(Fx.buy("1"), in: context).outcome == .block)
        #expect(
            TimeOfDayRule(config: blocking).judge(Fx.buy("1"), in: Fx.context(hourTs: Fx.hour.adding(hours: 1))).outcome
                == .pass)
    }

    @Test func tradeFrequencyLimitsPerHourAndPerDay() {
        let rule = TradeFrequencyRule(config: config)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(entriesThisHour: 2, entriesToday: 2)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(entriesThisHour: 3, entriesToday: 3)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(entriesThisHour: 4, entriesToday: 4)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(entriesThisHour: 0, entriesToday: 11)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(entriesThisHour: 0, entriesToday: 12)).outcome == .block)
    }

    @Test func spreadAnomalyBlocksAboveFourTimesTheMedian() {
        let rule = SpreadAnomalyRule(config: config)
        func context(_ ratio: Double) -> GovernanceContext {
            Fx.context(markets: [Fx.market(features: Fx.features(rangeRatio: ratio))])
        }
        #expect(rule.judge(Fx.buy("1"), in: context(3.9)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(4.0)).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: context(4.1)).outcome == .block)
        #expect(rule.judge(Fx.buy("1"), in: context(.nan)).outcome == .block)
    }

    @Test func minOrderBlocksBelowMinimumAndOffLotForEveryOrder() {
        let rule = MinOrderRule(config: config)
        #expect(rule.scope == .all)
        let context = Fx.context(markets: [Fx.market(minOrder: "0.001")])
        #expect(rule.judge(Fx.buy("0.0009"), in: context).outcome == .block)
        #expect(rule.judge(Fx.buy("0.001"), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("0.0011"), in: context).outcome == .pass)
        #expect(rule.judge(Fx.buy("0.00115"), in: context).outcome == .block)
        let verdict = GovernanceVerdict.judge(Fx.sell("0.0009"), rules: [rule], context: context)
        #expect(verdict.decision == .block, "an exit below the exchange minimum cannot be placed either")
    }

    @Test func killSwitchBlocksEntriesWhileTripped() {
        let rule = KillSwitchRule(config: config)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context()).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(killSwitch: true)).outcome == .block)
        #expect(
            GovernanceVerdict.judge(Fx.sell("1"), rules: [rule], context: Fx.context(killSwitch: true)).decision
                == .approve)
    }

    @Test func circuitBreakerRuleBlocksOnlyAtHalt() {
        let rule = CircuitBreakerRule(config: config)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(breaker: "ALERT")).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(breaker: "THROTTLE")).outcome == .pass)
        #expect(rule.judge(Fx.buy("1"), in: Fx.context(breaker: "HALT")).outcome == .block)
    }
}
