@testable import HourglassCore

/// Engine states to mutate in the decoder fuzz tests: a fresh state and the state after 96
/// hours of real Kraken bars (positions, orders, bar windows and the ledger filled in).
enum StateSamples {
    static func canonicalStates() throws -> [[UInt8]] {
        let start = KrakenTestBars.ts("2022-03-01T00:00:00Z")
        let run = CycleRun(hours: KrakenTestBars.hours(from: start, to: KrakenTestBars.ts("2022-03-04T23:00:00Z")))
        return [
            EngineState.initial(config: .momentumBaseline, startHourTs: start).canonicalBytes, run.state.canonicalBytes,
        ]
    }
}
