import Testing

@testable import HourglassCore

@Suite struct PositionSizerTests {
    let config = RiskConfig.default

    func input(
        trades: [ClosedTrade] = [], regime: Regime = .trend, breaker: BreakerLevel = .normal,
        atr: Double = 0.02, lot: Int = 4
    ) -> SizingInput {
        SizingInput(
            equityQuote: Fx.d("10000"), priceQuote: Fx.d("100"), atrFraction: atr, regime: regime,
            breakerLevel: breaker, closedTrades: trades, lotDecimals: lot)
    }

    @Test func explorationRisksHalfAPercentUntilThirtyTrades() {
        // 10 000 × 0.5% ÷ (2 × 2%) = 1 250 quote = 12.5 units.
        let result = PositionSizer.size(
            input(trades: Fx.trades(wins: 20, win: 0.03, losses: 9, loss: 0.01)), config: config)
        #expect(result.quantityBase == Fx.d("12.5"))
        #expect(result.stopDistanceFraction == 0.04)
        #expect(
            result.steps.map(\.name) == [
                "exploration_risk", "risk_fraction", "stop_distance", "notional",
                "regime_multiplier", "breaker_multiplier", "quantity",
            ])
        #expect(result.zeroReason == nil)
    }

    @Test func baseRiskAppliesAfterExplorationWhenKellyAllowsIt() {
        // W = 0.6, payoff 2: full Kelly 0.4, quarter 0.1 > 2%: risk 2% → 5 000 quote = 50 units.
        let result = PositionSizer.size(
            input(trades: Fx.trades(wins: 18, win: 0.04, losses: 12, loss: 0.02)), config: config)
        #expect(result.quantityBase == Fx.d("50"))
        #expect(
            result.steps.map(\.name).prefix(4) == ["base_risk", "realised_expectancy", "kelly_cap", "risk_fraction"])
        #expect(result.steps.first { $0.name == "risk_fraction" }?.number == 0.02)
    }

    @Test func quarterKellyCapsRiskFromRealisedResults() {
        // W = 0.5, payoff 1.05: full Kelly 0.5 − 0.5/1.05 ≈ 0.0238, quarter ≈ 0.00595 < 2%.
        let result = PositionSizer.size(
            input(trades: Fx.trades(wins: 15, win: 0.021, losses: 15, loss: 0.02)), config: config)
        let risk = try! #require(result.steps.first { $0.name == "risk_fraction" }?.number)
        #expect(abs(risk - 0.25 * (0.5 - 0.5 / 1.05)) < 1e-12)
        #expect(result.quantityBase > Fx.d("14.88") && result.quantityBase < Fx.d("14.89"))
    }

    @Test func zeroSizeWhenRealisedExpectancyIsNotPositive() {
        let flat = PositionSizer.size(
            input(trades: Fx.trades(wins: 12, win: 0.03, losses: 18, loss: 0.02)), config: config)
        #expect(
            flat.quantityBase == .zero,
            "break-even record: Kelly is 0 even if rounding leaves expectancy a hair above 0")
        let losing = PositionSizer.size(
            input(trades: Fx.trades(wins: 10, win: 0.01, losses: 20, loss: 0.02)), config: config)
        #expect(losing.quantityBase == .zero)
        #expect(losing.zeroReason?.contains("expectancy") == true)
        #expect(losing.steps.last?.name == "realised_expectancy")
    }

    @Test func regimeMultipliersScaleTheSize() {
        #expect(PositionSizer.size(input(regime: .range), config: config).quantityBase == Fx.d("10"))
        #expect(PositionSizer.size(input(regime: .highVol), config: config).quantityBase == Fx.d("6.25"))
        let crash = PositionSizer.size(input(regime: .crash), config: config)
        #expect(crash.quantityBase == .zero)
        #expect(crash.zeroReason?.contains("crash") == true)
    }

    @Test func breakerThrottleHalvesAndHaltZeroes() {
        #expect(PositionSizer.size(input(breaker: .alert), config: config).quantityBase == Fx.d("12.5"))
        #expect(PositionSizer.size(input(breaker: .throttle), config: config).quantityBase == Fx.d("6.25"))
        #expect(PositionSizer.size(input(breaker: .halt), config: config).quantityBase == .zero)
    }

    @Test func quantityRoundsDownToTheLot() {
        #expect(PositionSizer.size(input(lot: 0), config: config).quantityBase == Fx.d("12"))
        #expect(PositionSizer.size(input(atr: 0.03, lot: 3), config: config).quantityBase == Fx.d("8.333"))
    }

    @Test func noStopDistanceMeansNoSize() {
        #expect(PositionSizer.size(input(atr: 0), config: config).quantityBase == .zero)
        #expect(PositionSizer.size(input(atr: .nan), config: config).quantityBase == .zero)
    }

    @Test func sizingResultRoundTripsItsCanonicalBytes() throws {
        let result = PositionSizer.size(
            input(trades: Fx.trades(wins: 18, win: 0.04, losses: 12, loss: 0.02)), config: config)
        var writer = ByteWriter()
        result.encode(to: &writer)
        var reader = ByteReader(writer.bytes)
        let decoded = try SizingResult.decode(from: &reader)
        try reader.expectEnd()
        #expect(decoded == result)
        var again = ByteWriter()
        decoded.encode(to: &again)
        #expect(again.bytes == writer.bytes)
        #expect(result.json["steps"] != nil)
    }
}
