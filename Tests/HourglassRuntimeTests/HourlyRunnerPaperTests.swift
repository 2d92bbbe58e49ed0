import HourglassCore
import HourglassExchangeTestSupport
import HourglassRuntime
import Testing

@testable import HourglassStore

@Suite(.serialized) struct HourlyRunnerPaperTests {
    @Test func paperExecutesConsecutiveHoursThenCatchesUpInOrderAndReplaysMatch() async throws {
        let fixture = try RuntimeFixture()
        let runner = try fixture.runner(mode: .paper, client: try fixture.client(live: false))
        let first = try await runner.catchUp()
        #expect(first.map(\.hourTs) == [RuntimeFixture.start, RuntimeFixture.start.adding(hours: 1)])
        #expect(first.map(\.outcome) == [.executedLate, .executed])
        #expect(first.allSatisfy { $0.eventCount > 0 })
        #expect(try await runner.catchUp().isEmpty)  // nothing new has closed

        fixture.setClosedHours(6)
        let second = try await runner.catchUp()
        #expect(second.map(\.hourTs) == (2..<6).map { RuntimeFixture.start.adding(hours: $0) })
        #expect(second.map(\.outcome) == [.executedLate, .executedLate, .executedLate, .executed])
        #expect(Set(second.map(\.runId)) == [first[0].runId])
        let problem = try fixture.replayAndAudit(runId: first[0].runId)
        #expect(problem == nil, "\(problem ?? "")")

        // The latest hour recorded the ticker and the pair rules as its inputs; a late hour no ticker.
        let log = try fixture.log()
        let run = try #require(try RunStore(log: log).run(first[0].runId))
        let latest = try ExchangeInputRecorder(log: log).recorded(
            run: run, hourTs: RuntimeFixture.start.adding(hours: 5))
        #expect(latest.map(\.eventType) == [.pairRulesRecorded, .tickerRecorded, .tickerRecorded])
        let late = try ExchangeInputRecorder(log: log).recorded(run: run, hourTs: RuntimeFixture.start.adding(hours: 3))
        #expect(late.map(\.eventType) == [.pairRulesRecorded])
        let inputs = try RunStore(log: log).inputsForReplay(
            runId: run.context.runId, hourTs: RuntimeFixture.start.adding(hours: 5))
        #expect(inputs.exchange.tickers.map(\.symbol) == ["ETH/USD", "XBT/USD"])
        #expect(inputs.bars.map(\.symbol) == ["ETH/USD", "XBT/USD"])
    }

    @Test func aSecondRunnerOnTheSameAccountIsRefused() async throws {
        let fixture = try RuntimeFixture()
        let holder = try fixture.runner(mode: .paper, client: try fixture.client(live: false))
        try holder.lock()
        let second = try fixture.runner(mode: .paper, client: try fixture.client(live: false))
        await #expect(throws: RunnerError.self) { _ = try await second.catchUp() }
        // Another account is not affected.
        let other = try fixture.runner(account: "other", mode: .paper, client: try fixture.client(live: false))
        #expect(try await other.catchUp().count == 2)
    }

    @Test func repeatedExchangeFailureRecordsAnInstabilityTripAtTheNextHour() async throws {
        let fixture = try RuntimeFixture()
        let runner = try fixture.runner(mode: .paper, client: try fixture.client(live: false))
        let first = try await runner.catchUp()
        fixture.setClosedHours(3)
        fixture.server.enqueue(
            .assetPairs, .krakenError(["EService:Unavailable"]), .krakenError(["EService:Unavailable"]),
            .krakenError(["EService:Unavailable"]))
        await #expect(throws: RunnerError.self) { _ = try await runner.catchUp() }
        let next = try await runner.catchUp()  // the exchange answers again
        #expect(next.map(\.hourTs) == [RuntimeFixture.start.adding(hours: 2)])
        #expect(next[0].killSwitchTripped)
        let log = try fixture.log()
        let events = try log.read(runId: first[0].runId, hourTs: RuntimeFixture.start.adding(hours: 2)).map {
            try $0.decode()
        }
        let trips = events.compactMap { event -> KillSwitchTripped? in
            if case .killSwitchTripped(let trip) = event { return trip } else { return nil }
        }
        #expect(trips.map(\.reason) == ["exchange_instability"])
        let problem = try fixture.replayAndAudit(runId: first[0].runId)
        #expect(problem == nil, "\(problem ?? "")")
    }
}
