import Foundation
import HourglassCore
import Testing

/// Steps the pure reducer over a year of real Kraken bars with no I/O and prints its throughput,
/// carrying each hour's state hash into the next step as the shell does.
/// A printed figure, not an assertion: run it in release (`swift test -c release --filter
/// ReducerThroughput`). `HOURGLASS_BENCH_HOURS` shortens or lengthens the window (default 8,760; 240 in debug).
@Suite("ReducerThroughput")
struct ReducerThroughputTests {
    @Test func reducerThroughputOnRealBars() {
        #if DEBUG
            // a debug build is ~200× slower: keep the suite short, the figure means little there
            let defaultHours = 240
        #else
            let defaultHours = 8760
        #endif
        let hoursWanted = Int(ProcessInfo.processInfo.environment["HOURGLASS_BENCH_HOURS"] ?? "") ?? defaultHours
        let start = KrakenTestBars.ts("2020-01-01T00:00:00Z")
        let hours = KrakenTestBars.hours(from: start, to: start.adding(hours: Int64(hoursWanted - 1)))
        let config = EngineConfig.momentumBaseline
        let models = ModelSet.baseline(config: config)
        let run = CycleRun.run
        var state = HourCycle.start(run: run, config: config, models: models, startHour: hours[0].hourTs).0
        var stateSha256: Hash256? = nil
        let configSha256 = config.sha256
        var events = 0
        var inputEvents = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for inputs in hours {
                let result = HourCycle.step(
                    state: state, inputs: inputs, config: config, models: models, run: run,
                    prevStateSha256: stateSha256, configSha256: configSha256)
                state = result.state
                stateSha256 = result.manifest.stateSha256
                events += result.events.count
                inputEvents += inputs.bars.count + inputs.releases.count
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perHour = seconds / Double(hours.count) * 1e6
        print(
            String(
                format:
                    "ReducerThroughput: %d hours, %d events (+%d inputs) in %.3f s: %.0f hours/s, %.1f µs/hour, %.0f events/s; state %d bytes",
                hours.count, events, inputEvents, seconds, Double(hours.count) / seconds, perHour,
                Double(events + inputEvents) / seconds, state.canonicalBytes.count))
        #expect(events > 0)
    }
}
