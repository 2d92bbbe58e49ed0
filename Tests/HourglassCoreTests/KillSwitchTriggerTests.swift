import Testing
@testable import HourglassCore

@Suite struct KillSwitchTriggerTests {
    let config = RiskConfig.default

    func reasons(_ context: GovernanceContext) -> [String] { KillSwitchTrigger.evaluate(context: context, config: config).map(\.reason) }

    @Test func drawdownHaltTripsAtTwentyPercent() {
        #expect(reasons(Fx.context(equity: "8001", peak: "10000")) == [])
        #expect(reasons(Fx.context(equity: "8000", peak: "10000")) == ["drawdown_halt"])
        #expect(reasons(Fx.context(equity: "7000", peak: "10000")) == ["drawdown_halt"])
    }

    @Test func systemicSpreadAnomalyTripsAtHalfTheSymbols() {
        func context(anomalous: Int) -> GovernanceContext {
            let symbols = ["ADA/USD", "ETH/USD", "SOL/USD", "XBT/USD"]
            return Fx.context(markets: symbols.enumerated().map { index, symbol in
                Fx.market(symbol, features: Fx.features(rangeRatio: index < anomalous ? 6 : 1))
            })
        }
        #expect(reasons(context(anomalous: 1)) == [])
        #expect(reasons(context(anomalous: 2)) == ["spread_anomaly_systemic"])
        #expect(reasons(context(anomalous: 3)) == ["spread_anomaly_systemic"])
    }

    @Test func mostSymbolsMissingTrips() {
        #expect(reasons(Fx.context(missingBarShare: 0.4)) == [])
        #expect(reasons(Fx.context(missingBarShare: 0.5)) == [])
        #expect(reasons(Fx.context(missingBarShare: 0.6)) == ["data_integrity_systemic"])
    }

    @Test func tripsAreReportedInAFixedOrderWithMeasurements() throws {
        let trips = KillSwitchTrigger.evaluate(context: Fx.context(equity: "7000", peak: "10000", missingBarShare: 1), config: config)
        #expect(trips.map(\.reason) == ["drawdown_halt", "data_integrity_systemic"])
        #expect(trips[0].threshold == .decimal(Fx.d("0.2")))
        var writer = ByteWriter()
        trips[0].encode(to: &writer)
        var reader = ByteReader(writer.bytes)
        #expect(try KillSwitchTrip.decode(from: &reader) == trips[0])
    }
}
