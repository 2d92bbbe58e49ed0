import Testing

@testable import HourglassCore

/// SplitMix64: a tiny seeded generator, so every property run is reproducible from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func decimal(_ low: Double, _ high: Double, decimals: Int) -> FixedDecimal {
        FixedDecimal.fromDouble(low + (high - low) * unit(), decimals: decimals, rounding: .down)!
    }
}

// MARK: - The reducer's real rules
//
// The properties below are checked against the full rule book: the reducer's `RuleBook` rules
// (cash_sufficiency, long_only, max_positions, total_exposure, position_size_cap, data_integrity)
// followed by `GovernanceRules.all`, exactly as the cycle judges orders.

@Suite struct GovernancePropertyTests {
    static let symbols = ["ADA/USD", "DOT/USD", "ETH/USD", "LINK/USD", "LTC/USD", "SOL/USD", "XBT/USD", "XRP/USD"]
    let config = RiskConfig.default
    /// The engine configuration whose rule book is judged: the default limits and this `config` as its risk section.
    var engine: EngineConfig {
        var engine = EngineConfig.momentumBaseline
        engine.risk = config
        engine.pairs = Self.symbols.map { PairRule(symbol: $0, lotDecimals: 4, minOrderBase: Fx.d("0.0001")) }
        engine.universe = Self.symbols
        return engine
    }

    /// A random but coherent hour: positions at marks, cash = equity − positions, random market state.
    static func randomContext(_ rng: inout SplitMix64) -> GovernanceContext {
        let calm = rng.chance(0.5)
        let equity = rng.decimal(1_000, 100_000, decimals: 2)
        let prices = symbols.map { _ in rng.decimal(1, 1_000, decimals: 2) }
        var positions: [PositionView] = []
        for (index, symbol) in symbols.enumerated() where rng.chance(calm ? 0.3 : 0.7) {
            let value = equity.multiplied(by: rng.decimal(0, calm ? 0.04 : 0.08, decimals: 6), rounding: .down)
            let quantity = value.divided(by: prices[index], rounding: .down).rounded(decimals: 4, .down)
            positions.append(
                PositionView(
                    symbol: symbol, quantityBase: quantity, markPriceQuote: prices[index],
                    valueQuote: quantity.multiplied(by: prices[index], rounding: .halfEven),
                    openedTs: Fx.hour.adding(hours: -30)))
        }
        let markets = symbols.enumerated().map { index, symbol in
            Fx.market(
                symbol, price: prices[index].description,
                regime: calm ? (rng.chance(0.8) ? .trend : .range) : Regime.allCases[rng.int(0...4)],
                historyBars: rng.int(calm ? 200...900 : 50...900),
                features: Fx.features(
                    volatilityPercentile: rng.unit(), rangeRatio: rng.chance(calm ? 0.02 : 0.2) ? 6 : 1 + rng.unit()),
                lastExitTs: rng.chance(calm ? 0.1 : 0.4) ? Fx.hour.adding(hours: -Int64(rng.int(0...12))) : nil)
        }
        var correlations: [CorrelationEntry] = []
        for a in 0..<symbols.count {
            for b in (a + 1)..<symbols.count {
                correlations.append(
                    CorrelationEntry(symbolA: symbols[a], symbolB: symbols[b], correlation: rng.unit() * 1.2 - 0.2))
            }
        }
        let trades = (0..<rng.int(0...40)).map { _ in
            Fx.trade(rng.unit() * 0.08 - 0.03, hoursAgo: Int64(rng.int(1...200)))
        }
        let gross = positions.reduce(FixedDecimal.zero) { $0 + $1.valueQuote }
        let drawdown = rng.decimal(0, calm ? 0.12 : 0.3, decimals: 4)
        let peak = equity.divided(by: .one - drawdown, rounding: .halfEven)
        return GovernanceContext(
            hourTs: Fx.hour, freeCashQuote: equity - gross, equityQuote: equity, peakEquityQuote: peak,
            dayOpenEquityQuote: equity.multiplied(by: rng.decimal(0.96, 1.04, decimals: 4), rounding: .halfEven),
            positions: positions, markets: markets, correlations: correlations, closedTrades: trades,
            entriesThisHour: rng.int(0...(calm ? 2 : 4)), entriesToday: rng.int(0...(calm ? 8 : 14)),
            killSwitchTripped: !calm && rng.chance(0.2), killSwitchReason: nil,
            breakerState: calm ? "NORMAL" : BreakerLevel.allCases[rng.int(0...3)].rawValue, missingBarShare: 0)
    }

    static func randomBuy(_ rng: inout SplitMix64, _ context: GovernanceContext) -> ProposedOrder {
        let market = context.markets[rng.int(0...(context.markets.count - 1))]
        let price = market.lastPriceQuote!
        let notional = context.equityQuote.multiplied(by: rng.decimal(0.001, 0.3, decimals: 6), rounding: .down)
        return ProposedOrder(
            symbol: market.symbol, side: .buy,
            quantityBase: RuleMath.quantity(notional: notional, price: price, lotDecimals: 4),
            referencePriceQuote: price, isExit: false, expectedEdge: rng.unit() * 0.05,
            confidence: 0.4 + rng.unit() * 0.6, stopDistanceFraction: 0.01 + rng.unit() * 0.09,
            reason: "signal:property")
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func approvedEntriesKeepEveryLimit(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let rules = RuleBook(config: engine).rules
        let cluster = CorrelationClusterCapRule(config: config)
        var approved = 0
        for _ in 0..<500 {
            let context = Self.randomContext(&rng)
            let order = Self.randomBuy(&rng, context)
            let verdict = GovernanceVerdict.judge(order, rules: rules, context: context)
            guard verdict.decision != .block else { continue }
            approved += 1
            let quantity = verdict.approvedQuantityBase
            let notional = quantity.multiplied(by: order.referencePriceQuote, rounding: .up)
            let equity = context.equityQuote
            let grossAfter = context.grossExposureQuote + notional
            // Properties owned by this rules.
            #expect(quantity.isPositive && quantity <= order.quantityBase)
            #expect(quantity.rounded(decimals: 4, .down) == quantity)
            #expect(grossAfter <= equity.multiplied(by: config.leverageCap, rounding: .down))
            let members = cluster.cluster(of: order.symbol, in: context)
            let clusterAfter = context.positions.filter { members.contains($0.symbol) }.reduce(notional) {
                $0 + $1.valueQuote
            }
            #expect(clusterAfter <= equity.multiplied(by: config.correlationClusterCap, rounding: .down))
            #expect(!DrawdownTiersRule.reached(config.drawdownHalt, context), "no buy at drawdown ≥ 20%")
            #expect(!context.killSwitchTripped, "no buy while the kill switch is tripped")
            #expect(context.breakerState != "HALT")
            if DrawdownTiersRule.reached(config.drawdownReduceExposure, context) {
                #expect(grossAfter <= equity.multiplied(by: Fx.d("0.1"), rounding: .down))
            }
            #expect(order.expectedEdge > 0.01 && order.confidence >= 0.55)
            // Properties owned by the reducer's rules (the real ones, with the engine's limits).
            #expect(grossAfter <= equity.multiplied(by: engine.risk.totalExposureCap, rounding: .down))
            #expect(
                engine.buyCostQuote(quantityBase: quantity, priceQuote: order.referencePriceQuote)
                    <= context.freeCashQuote)
            let heldAfter = (context.position(order.symbol)?.valueQuote ?? .zero) + notional
            #expect(heldAfter <= equity.multiplied(by: engine.limits.perAssetCap, rounding: .down))
            let countAfter = context.positions.count + (context.position(order.symbol) == nil ? 1 : 0)
            #expect(countAfter <= engine.limits.maxOpenPositions)
            #expect(quantity >= Fx.d("0.0001"), "no approved size below the pair minimum")
        }
        #expect(approved >= 25, "the generator must produce approvals, or the properties are vacuous (got \(approved))")
    }

    @Test(arguments: [UInt64(11), 12])
    func exitsOfHeldPositionsAreNeverBlocked(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let rules = RuleBook(config: engine).rules
        var exits = 0
        for _ in 0..<400 {
            let context = Self.randomContext(&rng)
            guard let held = context.positions.first(where: { $0.quantityBase >= Fx.d("0.0001") }) else { continue }
            let share = rng.decimal(0.01, 1, decimals: 4)
            let quantity = max(
                held.quantityBase.multiplied(by: share, rounding: .down).rounded(decimals: 4, .down), Fx.d("0.0001"))
            let order = ProposedOrder(
                symbol: held.symbol, side: .sell, quantityBase: quantity, referencePriceQuote: held.markPriceQuote,
                isExit: true, expectedEdge: 0, confidence: 0, stopDistanceFraction: 0, reason: "exit:property")
            let verdict = GovernanceVerdict.judge(order, rules: rules, context: context)
            #expect(verdict.decision == .approve && verdict.approvedQuantityBase == quantity)
            exits += 1
        }
        #expect(exits >= 100)
    }

    @Test func judgingIsDeterministic() {
        var first = SplitMix64(seed: 99)
        var second = SplitMix64(seed: 99)
        let rules = GovernanceRules.all(config: config)
        for _ in 0..<100 {
            let a = Self.randomContext(&first)
            let b = Self.randomContext(&second)
            let orderA = Self.randomBuy(&first, a)
            let orderB = Self.randomBuy(&second, b)
            let verdictA = GovernanceVerdict.judge(orderA, rules: rules, context: a)
            let verdictB = GovernanceVerdict.judge(orderB, rules: rules, context: b)
            var writerA = ByteWriter()
            var writerB = ByteWriter()
            for result in verdictA.results { result.encode(to: &writerA) }
            for result in verdictB.results { result.encode(to: &writerB) }
            #expect(writerA.bytes == writerB.bytes)
        }
    }
}
