import Testing

@testable import HourglassCore

/// Every metric against small curves whose values are worked out by hand in the comments.
@Suite struct PerformanceMetricsTests {
    static let start = UTCTimestamp(secondsSinceEpoch: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func curve(_ equities: [String], open: [Int]? = nil) -> [EquityPoint] {
        equities.enumerated().map { index, text in
            EquityPoint(
                hourTs: start.adding(hours: Int64(index)), equityQuote: Fx.d(text), openPositions: open?[index] ?? 0)
        }
    }

    static func trade(_ pnl: String, _ returnFraction: Double = 0) -> ClosedTrade {
        ClosedTrade(
            symbol: "XBT/USD", entryTs: start, exitTs: start.adding(hours: 1), realizedPnlQuote: Fx.d(pnl),
            returnFraction: returnFraction, exitReason: .stopLoss)
    }

    static func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func risingFallingCurve() {
        // 100 → 110 → 99 → 121: returns 0.1, −0.1, 2/9; mean 2/27; sample variance 19.29/729.
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["110", "99", "121"]),
            trades: [], feesPaidQuote: Fx.d("1.5"))
        #expect(metrics.hours == 3)
        #expect(metrics.finalEquityQuote == Fx.d("121"))
        #expect(metrics.totalReturnFraction == 0.21)
        let annual = (24.0 * 365.0).squareRoot()
        #expect(Self.close(metrics.sharpe, 2 / Double(19.29).squareRoot() * annual, tolerance: 1e-10))
        // Downside deviation √(0.1² ÷ 3).
        #expect(Self.close(metrics.sortino, (2.0 / 27.0) / (0.01 / 3.0).squareRoot() * annual, tolerance: 1e-10))
        // Peak 110 at hour 1, trough 99 at hour 2: 11 ÷ 110 = 0.1 exactly.
        #expect(metrics.maxDrawdown.fraction == Fx.d("0.1"))
        #expect(metrics.maxDrawdown.depthQuote == Fx.d("11"))
        #expect(metrics.maxDrawdown.peakHourTs == Self.start)
        #expect(metrics.maxDrawdown.troughHourTs == Self.start.adding(hours: 1))
        #expect(metrics.feesPaidQuote == Fx.d("1.5"))
        #expect(metrics.exposureFraction == 0)
    }

    @Test func flatCurveHasNoSharpeSortinoOrCalmar() {
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["100", "100", "100"]),
            trades: [], feesPaidQuote: .zero)
        #expect(metrics.totalReturnFraction == 0)
        #expect(metrics.sharpe == nil)
        #expect(metrics.sortino == nil)
        #expect(metrics.cagr == 0)
        #expect(metrics.maxDrawdown.fraction == .zero)
        #expect(metrics.maxDrawdown.troughHourTs == nil)
        #expect(metrics.calmar == nil)
    }

    @Test func constantReturnsHaveZeroVarianceSoNoSharpe() {
        // 100 → 110 → 121 → 133.1: every hourly return is exactly 0.1, so the deviation is 0.
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"),
            equityCurve: Self.curve(["110", "121", "133.1"]), trades: [], feesPaidQuote: .zero)
        #expect(
            PerformanceMetrics.hourlyReturns(
                initialEquityQuote: Fx.d("100"), curve: Self.curve(["110", "121", "133.1"]))
                == [0.1, 0.1, 0.1])
        #expect(metrics.sharpe == nil)
        #expect(metrics.sortino == nil)
        #expect(metrics.maxDrawdown.fraction == .zero)
    }

    @Test func emptyCurveKeepsTheInitialEquity() {
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: [], trades: [], feesPaidQuote: .zero)
        #expect(metrics.hours == 0)
        #expect(metrics.finalEquityQuote == Fx.d("100"))
        #expect(metrics.totalReturnFraction == 0)
        #expect(metrics.cagr == nil && metrics.sharpe == nil && metrics.exposureFraction == nil)
    }

    @Test func cagrOverHalfAYear() {
        // 4 380 hours (half of 8 760) from 100 to 121: (1.21)² − 1 = 0.4641 a year.
        let equities = Array(repeating: "100", count: 4_379) + ["121"]
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(equities),
            trades: [], feesPaidQuote: .zero)
        #expect(Self.close(metrics.cagr, 0.4641, tolerance: 1e-12))
    }

    @Test func calmarIsCagrOverDrawdown() {
        // 8 760 hours: 100 → 80 (drawdown 20%) → 110 at the end: CAGR 0.1, Calmar 0.1 ÷ 0.2 = 0.5.
        let equities = ["80"] + Array(repeating: "100", count: 8_758) + ["110"]
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(equities),
            trades: [], feesPaidQuote: .zero)
        #expect(metrics.maxDrawdown.fraction == Fx.d("0.2"))
        #expect(metrics.maxDrawdown.peakHourTs == nil)  // the initial equity was the peak
        #expect(Self.close(metrics.cagr, 0.1, tolerance: 1e-12))
        #expect(Self.close(metrics.calmar, 0.5, tolerance: 1e-12))
    }

    @Test func earliestOfEqualDrawdownsIsKept() {
        // 100 → 90 (10%) → 100 → 90 (10% again): the first trough, at hour 0, is reported.
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["90", "100", "90"]),
            trades: [], feesPaidQuote: .zero)
        #expect(metrics.maxDrawdown.troughHourTs == Self.start)
        #expect(metrics.maxDrawdown.fraction == Fx.d("0.1"))
    }

    @Test func noTradesHaveNoTradeRatios() {
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["100"]),
            trades: [], feesPaidQuote: .zero)
        #expect(metrics.tradeCount == 0)
        #expect(metrics.winRate == nil && metrics.profitFactor == nil && metrics.expectancyQuote == nil)
    }

    @Test func allLosingTrades() {
        // Gross profit 0, gross loss 8: profit factor 0, win rate 0, expectancy −4.
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["92"]),
            trades: [Self.trade("-5"), Self.trade("-3")], feesPaidQuote: Fx.d("0.4"))
        #expect(metrics.profitFactor == 0)
        #expect(metrics.winRate == 0)
        #expect(metrics.expectancyQuote == Fx.d("-4"))
        #expect(metrics.winningTradeCount == 0 && metrics.tradeCount == 2)
    }

    @Test func allWinningTradesHaveNoProfitFactor() {
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["105"]),
            trades: [Self.trade("2"), Self.trade("3")], feesPaidQuote: .zero)
        #expect(metrics.profitFactor == nil)
        #expect(metrics.winRate == 1)
        #expect(metrics.expectancyQuote == Fx.d("2.5"))
    }

    @Test func mixedTrades() {
        // +10, −5, +3: profit factor 13 ÷ 5 = 2.6; win rate 2/3; expectancy 8/3 at 12 decimals, half-even.
        let trades = [Self.trade("10"), Self.trade("-5"), Self.trade("3")]
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["108"]),
            trades: trades, feesPaidQuote: .zero)
        #expect(metrics.profitFactor == 2.6)
        #expect(metrics.winRate == 2.0 / 3.0)
        #expect(metrics.expectancyQuote == Fx.d("2.666666666667"))
    }

    @Test func exposureCountsHoursWithAnOpenPosition() {
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"),
            equityCurve: Self.curve(["100", "101", "102", "102"], open: [0, 1, 2, 0]),
            trades: [], feesPaidQuote: .zero)
        #expect(metrics.exposureFraction == 0.5)
    }

    @Test func jsonRoundsRatiosAndWritesNullForUndefined() {
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("100"), equityCurve: Self.curve(["110", "99", "121"]),
            trades: [], feesPaidQuote: .zero)
        #expect(metrics.json["max_drawdown"] == .double(0.1))
        #expect(metrics.json["max_drawdown_peak_hour"] == .string("2026-01-01T00:00:00Z"))
        #expect(metrics.json["profit_factor"] == .null)
        #expect(metrics.json["final_equity"] == .string("121"))
        #expect(metrics.json["total_return"] == .double(0.21))
    }

    @Test func shadowComparisonUsesTheSameDrawdown() {
        let equities = ["10000", "12000", "8400", "9000"]
        let shadow = ShadowComparison.RunPerformance.measure(equityCurve: equities.map(Fx.d))
        let metrics = PerformanceMetrics.compute(
            initialEquityQuote: Fx.d("10000"), equityCurve: Self.curve(Array(equities.dropFirst())),
            trades: [], feesPaidQuote: .zero)
        #expect(shadow.maxDrawdownFraction == metrics.maxDrawdown.fractionValue)
        #expect(shadow.returnFraction == metrics.totalReturnFraction)
        #expect(metrics.maxDrawdown.fraction == Fx.d("0.3"))
    }

    @Test func deterministicMathMatchesKnownValues() {
        #expect(Self.close(DeterministicMath.log(2), 0.693_147_180_559_945_3, tolerance: 1e-15))
        #expect(Self.close(DeterministicMath.exp(1), 2.718_281_828_459_045, tolerance: 1e-15))
        #expect(Self.close(DeterministicMath.pow(1.21, 0.5), 1.1, tolerance: 1e-15))
        #expect(Self.close(DeterministicMath.log(1e-300), -690.775_527_898_213_7, tolerance: 1e-15))
        #expect(DeterministicMath.pow(-1, 2).isNaN)
    }
}
