import Testing

@testable import HourglassCore

/// Entry 100, entry ATR 2: stop 96, target 108, trend trailing 6 below the high.
@Suite struct ExitPolicyTests {
    let config = RiskConfig.default

    func input(
        close: String, high: String? = nil, heldHours: Int64 = 1, entryRegime: Regime = .trend,
        regime: Regime = .trend, edge: Double? = nil, atr: Double = 2
    ) -> ExitInput {
        ExitInput(
            symbol: "XBT/USD", entryPriceQuote: Fx.d("100"), entryATRQuote: atr, highestCloseQuote: Fx.d(high ?? close),
            entryTs: Fx.hour.adding(hours: -heldHours), entryRegime: entryRegime, currentTs: Fx.hour,
            currentCloseQuote: Fx.d(close), currentRegime: regime, currentExpectedEdge: edge)
    }

    func reason(_ input: ExitInput, _ config: RiskConfig = .default) -> ExitReason? {
        ExitPolicy.evaluate(input, config: config)?.reason
    }

    @Test func stopLossAtTwoATRsBelowEntry() {
        #expect(reason(input(close: "96.01", high: "100")) == nil)
        #expect(reason(input(close: "96", high: "100")) == .stopLoss)
        #expect(reason(input(close: "95", high: "100")) == .stopLoss)
        #expect(ExitPolicy.evaluate(input(close: "96", high: "100"), config: config)?.threshold == .decimal(Fx.d("96")))
    }

    @Test func takeProfitAtFourATRsAboveEntry() {
        #expect(reason(input(close: "107.99")) == nil)
        #expect(reason(input(close: "108")) == .takeProfit)
        #expect(reason(input(close: "109")) == .takeProfit)
    }

    @Test func trailingStopFollowsTheHighAndTheRegime() {
        #expect(reason(input(close: "100.01", high: "106")) == nil)
        #expect(reason(input(close: "100", high: "106")) == .trailingStop)
        // High-vol trails 2 ATRs: 106 − 4 = 102.
        #expect(reason(input(close: "102.01", high: "106", regime: .highVol)) == nil)
        #expect(reason(input(close: "102", high: "106", regime: .highVol)) == .trailingStop)
    }

    @Test func thesisInvalidationWhenTheEdgeFlipsStronglyNegative() {
        #expect(reason(input(close: "101", edge: -0.0039)) == nil)
        #expect(reason(input(close: "101", edge: -0.004)) == .thesisInvalidation)
        #expect(reason(input(close: "101", edge: -0.02)) == .thesisInvalidation)
    }

    @Test func regimeChangeFromTrendToChop() {
        #expect(reason(input(close: "101", regime: .range)) == .regimeChange)
        #expect(reason(input(close: "101", regime: .crash)) == .regimeChange)
        #expect(reason(input(close: "101", entryRegime: .range, regime: .trend)) == nil)
        var off = config
        off.exitOnRegimeChange = false
        #expect(reason(input(close: "101", regime: .range), off) == nil)
    }

    @Test func timeLimitPerRegime() {
        #expect(reason(input(close: "101", heldHours: 71)) == nil)
        #expect(reason(input(close: "101", heldHours: 72)) == .timeLimit)
        #expect(reason(input(close: "101", heldHours: 11, regime: .highVol)) == nil)
        #expect(reason(input(close: "101", heldHours: 12, regime: .highVol)) == .timeLimit)
    }

    @Test func stopLossWinsOverEveryOtherReason() {
        #expect(reason(input(close: "90", heldHours: 500, regime: .range, edge: -0.5)) == .stopLoss)
    }

    @Test func withoutAnATROnlyTheNonPriceExitsRun() {
        #expect(reason(input(close: "50", atr: .nan)) == nil)
        #expect(reason(input(close: "50", heldHours: 72, atr: 0)) == .timeLimit)
    }

    @Test func exitDecisionRoundTripsItsCanonicalBytes() throws {
        let decision = try #require(ExitPolicy.evaluate(input(close: "95", high: "100"), config: config))
        var writer = ByteWriter()
        decision.encode(to: &writer)
        var reader = ByteReader(writer.bytes)
        #expect(try ExitDecision.decode(from: &reader) == decision)
        try reader.expectEnd()
    }
}
