import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// BACKTEST hours committed in batches: nothing is in the log until a batch is full, a batch
/// commits whole, the window's last hour commits a partial batch, and every stored manifest is
/// the one the hour-by-hour execution of the shared window stored.
@Suite(.serialized, CycleWindowFixture())
struct BatchedExecutionTests {
    @Test func batchedHoursCommitWholeAndStoreTheSameManifests() throws {
        let window = try CycleWindow.current()
        let database = try TestDatabase.create("batch")
        defer { database.drop() }
        let log = EventLog(connection: try database.connect())
        try CycleMarketData.ingest(
            into: log, from: window.start, through: window.start.adding(hours: window.hourCount + 24))
        let batchHours = 50
        let runner = CycleRunner(log: log, snapshotEveryHours: 24, backtestBatchHours: batchHours)
        let run = try runner.startRun(context: window.run.context, config: .momentumBaseline, startHourTs: window.start)
        let runId = run.context.runId
        var carried: EngineState? = nil
        for offset in 0..<window.hourCount {
            let hour = window.start.adding(hours: offset)
            let (outcome, state) = try runner.executeHour(
                run: run, hourTs: hour, carried: carried,
                forceSnapshot: offset == window.hourCount - 1)
            guard case .executed = outcome else {
                Issue.record("hour \(hour) of a fresh run was already done")
                return
            }
            carried = state
            let committed = try runner.store.lastExecutedHour(runId: runId)
            let expected = (Int(offset) + 1) / batchHours * batchHours
            if offset == window.hourCount - 1 {
                #expect(committed == hour, "the window's last hour commits the partial batch")
            } else if expected == 0 {
                #expect(committed == nil, "hour \(hour): nothing is committed before the first batch is full")
            } else {
                #expect(
                    committed == window.start.adding(hours: Int64(expected - 1)), "hour \(hour): whole batches only")
            }
        }
        let last = window.start.adding(hours: window.hourCount - 1)
        let batched = try runner.store.hours(runId: runId, from: window.start, through: last)
        let original = try CycleRunner(log: EventLog(connection: try window.database.connect()))
            .store.hours(runId: runId, from: window.start, through: last)
        #expect(batched.count == Int(window.hourCount))
        #expect(batched.map(\.manifestText) == original.map(\.manifestText))
        let (outcome, _) = try runner.replayHour(run: run, hourTs: window.start.adding(hours: 60))
        guard case .match = outcome else {
            Issue.record("a batched hour should replay to MATCH, got \(outcome)")
            return
        }
    }

    /// Two processes stepping the same hours: the batch that commits second is refused whole and
    /// writes nothing, so neither reports hours it did not write.
    @Test func aBatchWhoseHoursAnotherProcessCommittedIsRefusedWhole() throws {
        let window = try CycleWindow.current()
        let database = try TestDatabase.create("batch_race")
        defer { database.drop() }
        let setup = EventLog(connection: try database.connect())
        try CycleMarketData.ingest(into: setup, from: window.start, through: window.start.adding(hours: 48))
        let first = CycleRunner(log: setup, snapshotEveryHours: 24, backtestBatchHours: 8)
        let run = try first.startRun(context: window.run.context, config: .momentumBaseline, startHourTs: window.start)
        let second = CycleRunner(
            log: EventLog(connection: try database.connect()), snapshotEveryHours: 24, backtestBatchHours: 8)
        // The second runner steps hours 0..3 in memory (a batch of 8 is not full yet).
        var carried: EngineState? = nil
        for offset in 0..<4 {
            let (_, state) = try second.executeHour(
                run: run, hourTs: window.start.adding(hours: Int64(offset)), carried: carried, forceSnapshot: false)
            carried = state
        }
        #expect(try second.store.lastExecutedHour(runId: run.context.runId) == nil)
        // The first runner commits hours 0..1 meanwhile.
        var firstCarried: EngineState? = nil
        for offset in 0..<2 {
            let (_, state) = try first.executeHour(
                run: run, hourTs: window.start.adding(hours: Int64(offset)), carried: firstCarried,
                forceSnapshot: offset == 1)
            firstCarried = state
        }
        let eventsBefore = try database.eventCount()
        #expect(throws: RunStoreError.self) { try second.commitPendingHours() }
        #expect(try database.eventCount() == eventsBefore, "the refused batch wrote nothing")
        #expect(try second.store.lastExecutedHour(runId: run.context.runId) == window.start.adding(hours: 1))
    }
}
