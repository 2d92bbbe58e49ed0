import Testing

@testable import HourglassCore

@Suite struct KillSwitchTriggerTests {
    let config = RiskConfig.default

    func reasons(_ context: GovernanceContext) -> [String] {
        KillSwitchTrigger.evaluate(context: context, config: config).map(\.reason)
    }

    @Test func drawdownHaltTripsAtTwentyPercent() {
        #expect(reasons(Fx.context(equity: "8001", peak: "10000")) == [])
        #expect(reasons(Fx.context(equity: "8000", peak: "10000")) == ["drawdown_halt"])
        #expect(reasons(Fx.context(equity: "7000", peak: "10000")) == ["drawdown_halt"])
    }

    /// Five symbols; the first `anomalous` have `ratio` and 1h return `move`, the others are calm.
    func context(anomalous: Int, ratio: Double = 7, move: Double = -0.08, measured: Int = 5) -> GovernanceContext {
        let symbols = ["ADA/USD", "BCH/USD", "ETH/USD", "SOL/USD", "XBT/USD"].prefix(measured)
        return Fx.context(
            markets: symbols.enumerated().map { index, symbol in
                Fx.market(
                    symbol,
                    features: index < anomalous
                        ? Fx.features(rangeRatio: ratio, return1h: move) : Fx.features(rangeRatio: 1))
            })
    }

    @Test func systemicSpreadAnomalyTripsAtSixtyPercentOfTheSymbols() {
        #expect(config.spreadSystemicShare == Fx.d("0.6"))
        #expect(reasons(context(anomalous: 2)) == [])  // 40%
        #expect(reasons(context(anomalous: 3)) == ["spread_anomaly_systemic"])  // 60%: at the share
        #expect(reasons(context(anomalous: 4)) == ["spread_anomaly_systemic"])
        let trip = KillSwitchTrigger.evaluate(context: context(anomalous: 3), config: config)[0]
        #expect(trip.measured == .number(0.6) && trip.threshold == .decimal(Fx.d("0.6")))
        #expect(trip.detail.hasPrefix("3 of 5 symbols show a range above 6 × median"))
    }

    @Test func systemicAnomalyNeedsARangeAboveSixTimesTheMedian() {
        #expect(config.spreadSystemicMultiple == Fx.d("6"))
        #expect(reasons(context(anomalous: 5, ratio: 5.9)) == [])
        #expect(reasons(context(anomalous: 5, ratio: 6)) == [])  // at k: not above it
        #expect(reasons(context(anomalous: 5, ratio: 6.1)) == ["spread_anomaly_systemic"])
        #expect(reasons(context(anomalous: 5, ratio: .infinity)) == ["spread_anomaly_systemic"])
    }

    @Test func systemicAnomalyNeedsASevenPercentMoveEitherWay() {
        #expect(config.spreadSystemicMinMove == Fx.d("0.07"))
        #expect(reasons(context(anomalous: 5, move: -0.069)) == [])
        #expect(reasons(context(anomalous: 5, move: -0.07)) == ["spread_anomaly_systemic"])  // at the move
        #expect(reasons(context(anomalous: 5, move: 0.07)) == ["spread_anomaly_systemic"])
        #expect(reasons(context(anomalous: 5, move: 0.2)) == ["spread_anomaly_systemic"])
        #expect(reasons(context(anomalous: 5, move: .nan)) == ["spread_anomaly_systemic"])
    }

    @Test func oneSymbolAloneIsNeverSystemic() {
        #expect(config.spreadSystemicMinSymbols == 2)
        #expect(reasons(context(anomalous: 1, measured: 1)) == [])  // 100% of one measured symbol
        #expect(reasons(context(anomalous: 2, measured: 2)) == ["spread_anomaly_systemic"])
        #expect(reasons(context(anomalous: 2, measured: 3)) == ["spread_anomaly_systemic"])  // 67%
    }

    /// The per-symbol BLOCK stays at 4 × median: every symbol anomalous for `spread_anomaly` (here
    /// 5.5 × median with a 10% move) blocks its own entries but does not trip the kill switch.
    @Test func perSymbolAnomaliesAloneDoNotTrip() {
        let wide = context(anomalous: 5, ratio: 5.5, move: -0.1)
        #expect(KillSwitchTrigger.anomalyShare(context: wide, config: config).share == 1)
        #expect(reasons(wide) == [])
        let flat = context(anomalous: 5, ratio: 30, move: 0.01)  // very wide ranges, no move
        #expect(reasons(flat) == [])
        #expect(KillSwitchTrigger.systemicAnomaly(context: flat, config: config).anomalous == 0)
    }

    @Test func mostSymbolsMissingTrips() {
        #expect(reasons(Fx.context(missingBarShare: 0.4)) == [])
        #expect(reasons(Fx.context(missingBarShare: 0.5)) == [])
        #expect(reasons(Fx.context(missingBarShare: 0.6)) == ["data_integrity_systemic"])
    }

    @Test func tripsAreReportedInAFixedOrderWithMeasurements() throws {
        let trips = KillSwitchTrigger.evaluate(
            context: Fx.context(equity: "7000", peak: "10000", missingBarShare: 1), config: config)
        #expect(trips.map(\.reason) == ["drawdown_halt", "data_integrity_systemic"])
        #expect(trips[0].threshold == .decimal(Fx.d("0.2")))
        var writer = ByteWriter()
        trips[0].encode(to: &writer)
        var reader = ByteReader(writer.bytes)
        #expect(try KillSwitchTrip.decode(from: &reader) == trips[0])
    }
}
