import Foundation
import HourglassCore
import HourglassModels
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The Store's use cases behind the commands, against a real server and two weeks of real
/// Kraken bars (May 2022, a month the momentum baseline trades in): run resolution, the window
/// executor and its resume, the equity curve, closed trades, activity, the kill-switch history
/// and release, the shadow run and the log's tail.
@Suite(.serialized, UseCaseWindowFixture())
struct RunUseCaseTests {
    @Test func windowExecutorRanEveryHourAndResumesWithoutAppending() throws {
        let window = try UseCaseWindow.current()
        #expect(window.execution.executed == Int(UseCaseWindow.hours))
        #expect(window.execution.alreadyDone == 0)
        #expect(window.execution.events > 0)
        let log = try window.database.openLog()
        let before = try log.lastSeq()
        let runner = CycleRunner(log: log, snapshotEveryHours: 24)
        var seen: [UTCTimestamp] = []
        let again = try WindowExecutor(runner: runner, run: window.run).run(from: window.start, through: window.end) {
            _, hour in
            seen.append(hour)
        }
        #expect(again.executed == 0 && again.alreadyDone == Int(UseCaseWindow.hours) && again.events == 0)
        #expect(seen.isEmpty, "a done window skips its hours in one step")
        #expect(try log.lastSeq() == before)
    }

    @Test func equityCurveIsTheManifestsEquity() throws {
        let window = try UseCaseWindow.current()
        let store = RunStore(log: try window.database.openLog())
        let curve = try store.equityCurve(runId: window.runId)
        let stored = try store.hours(runId: window.runId, from: window.start, through: window.end)
        #expect(curve.count == Int(UseCaseWindow.hours))
        #expect(curve.map(\.hourTs) == stored.map(\.hourTs))
        for (point, hour) in zip(curve, stored) {
            let manifest = try JSONValue.parse(hour.manifestText)
            #expect(manifest["equity"] == .string(point.equityQuote.description), "\(hour.hourTs)")
            #expect(manifest["open_positions"] == .int(Int64(point.openPositions)), "\(hour.hourTs)")
        }
        #expect(curve.last?.equityQuote == window.execution.lastManifest?.equityQuote)
    }

    @Test func closedTradesFromFillsEqualTheEnginesOwnRecord() throws {
        let window = try UseCaseWindow.current()
        let store = RunStore(log: try window.database.openLog())
        let trades = try store.closedTrades(runId: window.runId)
        let last = try #require(try store.hour(runId: window.runId, hourTs: window.end))
        let state = try store.state(runId: window.runId, after: last)
        try #require(!state.closedTrades.isEmpty, "the premise: the window closes trades")
        #expect(state.closedTrades.count < window.run.config.closedTradesKept, "the engine kept every trade")
        #expect(trades == state.closedTrades)
    }

    @Test func activityAndPerformanceAgreeWithTheProjections() throws {
        let window = try UseCaseWindow.current()
        let store = RunStore(log: try window.database.openLog())
        let activity = try store.activity(runId: window.runId)
        let verdicts = try store.verdicts(of: window.run)
        #expect(activity.fills > 0 && activity.buys + activity.sells == activity.fills)
        #expect(activity.approveCount + activity.modifyCount + activity.blockCount == verdicts.count)
        #expect(activity.approveCount == verdicts.filter { $0.decision == .approve }.count)
        #expect(try store.feesPaid(runId: window.runId) == activity.feesQuote)
        let metrics = try store.performance(of: window.run)
        #expect(metrics.hours == Int(UseCaseWindow.hours))
        #expect(metrics.finalEquityQuote == window.execution.lastManifest?.equityQuote)
        #expect(metrics.feesPaidQuote == activity.feesQuote && activity.feesQuote.isPositive)
        #expect(metrics.tradeCount == (try store.closedTrades(runId: window.runId)).count)
        // One configuration: the deflated Sharpe is the PSR against 0 of the run's own hourly returns,
        // and it says "more likely than not" exactly when the Sharpe ratio is positive.
        let returns = PerformanceMetrics.hourlyReturns(
            initialEquityQuote: window.run.config.initialCashQuote, curve: try store.equityCurve(runId: window.runId))
        let deflated = try #require(metrics.deflatedSharpe)
        #expect(deflated == SharpeStatistics(returns: returns).probabilisticSharpe(benchmark: 0))
        #expect((0...1).contains(deflated) && (deflated > 0.5) == ((metrics.sharpe ?? 0) > 0), "\(deflated)")
        #expect(metrics.json["deflated_sharpe"] != .null)
    }

    @Test func resolveRunByIdHourAndAccount() throws {
        let window = try UseCaseWindow.current()
        let store = RunStore(log: try window.database.openLog())
        let account = UseCaseWindow.account
        #expect(
            try store.resolveRun(accountId: account, runMode: nil, runId: window.runId, covering: nil).seq
                == window.run.seq)
        #expect(
            try store.resolveRun(accountId: account, runMode: .backtest, runId: nil, covering: window.end).seq
                == window.run.seq)
        #expect(throws: RunResolutionError.self) {
            try store.resolveRun(accountId: "someone-else", runMode: nil, runId: window.runId, covering: nil)
        }
        #expect(throws: RunResolutionError.self) {
            try store.resolveRun(accountId: account, runMode: .paper, runId: window.runId, covering: nil)
        }
        #expect(throws: RunResolutionError.self) {
            try store.resolveRun(accountId: account, runMode: nil, runId: nil, covering: window.end.adding(hours: 1))
        }
        #expect(
            try store.continuableRun(accountId: account, runMode: .backtest, firstHour: window.end.adding(hours: 1))
                == window.runId)
        #expect(
            try store.continuableRun(accountId: account, runMode: .paper, firstHour: window.end.adding(hours: 1)) == nil
        )
        #expect(try store.runIds(accountId: account) == [window.runId])
        #expect(throws: RunResolutionError.self) { try store.runIds(accountId: "nobody") }
    }

    @Test func killSwitchReleaseIsRecordedAndListed() throws {
        let window = try UseCaseWindow.current()
        let store = KillSwitchStore(log: try window.database.openLog())
        let account = UseCaseWindow.account
        let states = try store.runStates(accountId: account)
        #expect(states.map(\.runId) == [window.runId])
        #expect(states.first?.lastHourTs == window.end)
        #expect(states.first?.tripped == window.execution.lastManifest?.killSwitchTripped)
        let before = try store.killSwitchHistory(accountId: account)
        let seq = try store.recordRelease(
            accountId: account, release: KillSwitchReleased(releasedBy: "ops", reason: "tested"))
        let after = try store.killSwitchHistory(accountId: account)
        #expect(after.count == before.count + 1)
        let entry = try #require(after.last)
        #expect(
            entry.seq == seq && entry.kind == "RELEASED" && entry.reason == "tested" && entry.runId == nil
                && entry.hourTs == nil)
        #expect(try store.killSwitchHistory(accountId: "nobody").isEmpty)
    }

    @Test func shadowRunMeasuresTheStoredCurveAndAFreshUngovernedOne() throws {
        let window = try UseCaseWindow.current()
        let log = try window.database.openLog()
        let runner = CycleRunner(log: log)
        let before = try log.lastSeq()
        var progress: [Int] = []
        let shadow = try ShadowRun(runner: runner, run: window.run).compare { done, total in
            #expect(total == Int(UseCaseWindow.hours))
            progress.append(done)
        }
        #expect(progress == Array(1...Int(UseCaseWindow.hours)))
        let governed = try RunStore(log: log).performance(of: window.run)
        #expect(shadow.withGovernance.returnFraction == governed.totalReturnFraction)
        #expect(shadow.withGovernance.maxDrawdownFraction == governed.maxDrawdown.fractionValue)
        #expect(shadow.withoutGovernance.returnFraction.isFinite)
        #expect(try log.lastSeq() == before, "a shadow run appends nothing")
    }

    @Test func tailStartCountsBackFromTheEnd() throws {
        let window = try UseCaseWindow.current()
        let log = try window.database.openLog()
        let last = try log.lastSeq()
        #expect(try log.tailStart(stream: nil, limit: 10) == last - 10)
        #expect(try log.tailStart(stream: nil, limit: Int(last) + 5) == 0)
        let stream = window.run.stream
        let start = try log.tailStart(stream: stream, limit: 3)
        let tail = try log.read(afterSeq: start, limit: 100, stream: stream)
        #expect(tail.count == 3)
        #expect(tail.allSatisfy { $0.header.stream == stream })
    }
}

/// Two weeks of May 2022 (past the features' 168 hours of warm-up) executed once for the suite through `WindowExecutor`.
struct UseCaseWindow: Sendable {
    static let account = "use-cases"
    static let runIdText = "00000000-0000-4000-8000-0000005eca5e"
    static let startText = "2022-05-01T00:00:00Z"
    static let hours: Int64 = 336

    let database: TestDatabase
    let run: RunRecord
    let start: UTCTimestamp
    let execution: WindowExecution
    var end: UTCTimestamp { start.adding(hours: Self.hours - 1) }
    var runId: String { run.context.runId }

    @TaskLocal static var shared: UseCaseWindow?

    static func current() throws -> UseCaseWindow {
        guard let shared else {
            throw CycleTestSetupError("UseCaseWindow exists only inside a suite with UseCaseWindowFixture()")
        }
        return shared
    }

    static func make() throws -> UseCaseWindow {
        let start = UTCTimestamp.parse(startText)!
        let database = try TestDatabase.create("usecase")
        do {
            let log = try database.openLog()
            try CycleMarketData.ingest(into: log, from: start, through: start.adding(hours: hours))
            let runner = CycleRunner(log: log, snapshotEveryHours: 24)
            let run = try runner.runForExecution(
                accountId: account, runMode: .backtest, runId: nil, config: .momentumBaseline, firstHour: start,
                newRunId: { runIdText })
            let execution = try WindowExecutor(runner: runner, run: run).run(
                from: start, through: start.adding(hours: hours - 1))
            return UseCaseWindow(database: database, run: run, start: start, execution: execution)
        } catch {
            database.drop()
            throw error
        }
    }
}

/// Builds the window once for the suite and drops its database afterwards.
struct UseCaseWindowFixture: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void)
        async throws
    {
        let window = try UseCaseWindow.make()
        defer { window.database.drop() }
        try await UseCaseWindow.$shared.withValue(window) { try await function() }
    }
}
