import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// A run started in the store warms its windows up from the stored bars before its start hour,
/// records them in `RunStarted.warmUp`, and replay rebuilds the same initial state from them: a
/// changed warm-up bar is the divergence `warm_up`.
@Suite(.serialized) struct RunWarmUpStoreTests {
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
    static let hours: Int64 = 6
    static let runId = "00000000-0000-4000-8000-00000000a2a1"

    @Test func aRunWarmsUpFromTheStoredBarsAndReplaysFromThem() throws {
        let database = try TestDatabase.create("warmup")
        defer { database.drop() }
        let connection = try database.connect()
        let log = EventLog(connection: connection)
        try CycleMarketData.ingest(into: log, from: Self.start, through: Self.start.adding(hours: Self.hours))
        let runner = CycleRunner(log: log, snapshotEveryHours: 24)
        let run = try runner.startRun(
            context: RunContext(runId: Self.runId, accountId: "warm-up", runMode: .backtest), config: .momentumBaseline,
            startHourTs: Self.start)
        let bars = try runner.store.warmUpBars(config: run.config, startHour: Self.start)
        let warmUp = run.started.warmUp
        #expect(warmUp == RunWarmUp.of(bars: bars, config: run.config, startHour: Self.start))
        #expect(warmUp.barCount == bars.count && bars.count > 5 * 700, "a full month of five pairs")
        #expect(warmUp.throughHourTs == Self.start.adding(hours: -1))
        var carried: EngineState? = nil
        for offset in 0..<Self.hours {
            let (_, state) = try runner.executeHour(
                run: run, hourTs: Self.start.adding(hours: offset), carried: carried)
            carried = state
        }
        let first = try log.read(runId: Self.runId, hourTs: Self.start).map { try $0.decode() }
        let predicted = first.filter { if case .predictionMade = $0 { return true } else { return false } }
        #expect(predicted.count == 5, "the first hour has features for every pair")

        let (outcome, _) = try runner.replayHour(run: run, hourTs: Self.start)
        guard case .match = outcome else {
            Issue.record("the first hour must MATCH, got \(outcome)")
            return
        }
        let report = try WindowReplayer(runner: runner, run: run).replay(
            from: Self.start, through: Self.start.adding(hours: Self.hours - 1), fromGenesis: true
        ) { _, _, _ in }
        #expect(report.divergence == nil && report.hoursMatched == Int(Self.hours))

        // Rewrite one warm-up bar's close (payload hash updated, so only the warm-up check can tell).
        let seq = try #require(
            connection.execute(
                "SELECT seq FROM bars WHERE symbol = 'ETH/USD' AND ts_utc = to_timestamp($1)",
                [.int64(Self.start.adding(hours: -10).secondsSinceEpoch)], context: "find a warm-up bar"
            ).int64(0, 0))
        var bar = bars.first { $0.symbol == "ETH/USD" && $0.openTs == Self.start.adding(hours: -10) }!
        bar.closePrice = bar.closePrice == bar.lowPrice ? bar.highPrice : bar.lowPrice
        try CycleTamper.rewrite(connection, seq: seq, payload: BarRecorded(bar: bar).canonicalBytes, updateHash: true)
        let (tampered, _) = try runner.replayHour(run: run, hourTs: Self.start)
        guard case .diverged(let divergence) = tampered else {
            Issue.record("a changed warm-up bar must DIVERGE, got \(tampered)")
            return
        }
        #expect(divergence.kind == "warm_up" && divergence.hourTs == Self.start, "\(divergence)")
        #expect(divergence.stored != divergence.replayed)
        let window = try WindowReplayer(runner: runner, run: run).replay(
            from: Self.start, through: Self.start.adding(hours: Self.hours - 1), fromGenesis: true
        ) { _, _, _ in }
        #expect(window.divergence?.kind == "warm_up" && window.hoursMatched == 0)
    }
}
