import HourglassCore
import Testing

/// A run's feature windows warm up from the bars before its start hour (`HourCycle.start(…, warmUpBars:)`),
/// recorded by reference in `RunStarted.warmUp`, so its first hour already has full windows.
@Suite struct RunWarmUpTests {
    static let start = KrakenTestBars.ts("2021-03-01T00:00:00Z")
    static let hours = KrakenTestBars.hours(from: start, to: start.adding(hours: 23))
    static let warmUp = KrakenTestBars.warmUpBars(before: start)

    static func predictions(_ events: [DomainEvent]) -> [String] {
        events.compactMap { if case .predictionMade(let p) = $0 { return p.symbol } else { return nil } }
    }

    @Test func theFirstHourHasFullWindows() throws {
        let run = CycleRun(hours: Self.hours, warmUpBars: Self.warmUp)
        let withBars = Self.hours[0].bars.map(\.symbol)
        #expect(!withBars.isEmpty)
        #expect(Self.predictions(run.hourEvents[0]) == withBars, "every symbol with a bar is predicted at once")
        let capacity = EngineConfig.momentumBaseline.features.closeCapacity
        let first = HourCycle.step(
            state: HourCycle.start(
                run: CycleRun.run, config: .momentumBaseline, models: run.models, startHour: Self.start,
                warmUpBars: Self.warmUp
            ).0, inputs: Self.hours[0], config: .momentumBaseline, models: run.models, run: CycleRun.run)
        for symbol in withBars { #expect(first.state.window(symbol)?.closes.count == capacity, "\(symbol)") }
        // The old behaviour, without warm-up bars: nothing to predict from for a week.
        let cold = CycleRun(hours: Self.hours)
        #expect(cold.hourEvents.allSatisfy { Self.predictions($0).isEmpty })
    }

    @Test func runStartedRecordsWhichBarsWarmedItUp() throws {
        let config = EngineConfig.momentumBaseline
        let models = ModelSet.baseline(config: config)
        let (state, started) = HourCycle.start(
            run: CycleRun.run, config: config, models: models, startHour: Self.start, warmUpBars: Self.warmUp)
        let warm = started.warmUp
        #expect(warm.barCount == Self.warmUp.count && warm.barCount > 3000)
        #expect(warm.fromHourTs == Self.start.adding(hours: -FeatureTimeline(config: config).warmUpHours))
        #expect(warm.throughHourTs == Self.start.adding(hours: -1))
        var hashes = Hash256Builder()
        for bar in Self.warmUp {
            hashes.update(Hash256.of(DomainEvent.barRecorded(BarRecorded(bar: bar)).canonicalBytes))
        }
        #expect(warm.sha256 == hashes.finalize(), "SHA-256 over the bar events' payload hashes")
        let decoded = try DomainEvent.decode(
            type: .runStarted, canonical: DomainEvent.runStarted(started).canonicalBytes)
        #expect(decoded == .runStarted(started))
        #expect(started.json["warm_up"]?["bar_count"] == .int(Int64(warm.barCount)))
        #expect(state == HourCycle.initialState(config: config, startHour: Self.start, warmUpBars: Self.warmUp))

        // One changed warm-up bar changes the reference and the initial state.
        var altered = Self.warmUp
        altered[100].closePrice = altered[100].closePrice + FixedDecimal(raw: 1)
        altered[100].highPrice = max(altered[100].highPrice, altered[100].closePrice)
        let (alteredState, alteredStarted) = HourCycle.start(
            run: CycleRun.run, config: config, models: models, startHour: Self.start, warmUpBars: altered)
        #expect(alteredStarted.warmUp.sha256 != warm.sha256 && alteredStarted.warmUp.barCount == warm.barCount)
        #expect(alteredState.sha256 != state.sha256)
    }

    /// A run warmed up at H sees the features a run that had been running since long before H sees.
    @Test func theWarmUpMatchesARunThatWasAlreadyRunning() throws {
        let config = EngineConfig.momentumBaseline
        let engine = FeatureEngine(config: config)
        let earlier = KrakenTestBars.hours(from: Self.start.adding(hours: -900), to: Self.start.adding(hours: -1))
        let long = CycleRun(hours: earlier, releaseAfterHours: 24)
        let warm = HourCycle.initialState(config: config, startHour: Self.start, warmUpBars: Self.warmUp)
        let before = Self.start.adding(hours: -1)
        let running = engine.compute(hourTs: before, windows: long.state.windows)
        let warmed = engine.compute(hourTs: before, windows: warm.windows)
        #expect(running.entries.map(\.features) == warmed.entries.map(\.features))
        #expect(running.entries.map(\.regime) == warmed.entries.map(\.regime))
        #expect(running.correlations == warmed.correlations && running.marketBreadth == warmed.marketBreadth)
        #expect(warmed.entries.allSatisfy { $0.features != nil })
    }

    @Test func aRunAtTheStartOfTheDataGetsAShorterWarmUp() throws {
        let config = EngineConfig.momentumBaseline
        let short = Array(Self.warmUp.suffix(5 * 100))
        let (state, started) = HourCycle.start(
            run: CycleRun.run, config: config, models: ModelSet.baseline(config: config), startHour: Self.start,
            warmUpBars: short)
        #expect(started.warmUp.barCount == short.count)
        #expect(state.windows.allSatisfy { $0.closes.count <= 100 && $0.endsAt(Self.start.adding(hours: -1)) })
    }
}
