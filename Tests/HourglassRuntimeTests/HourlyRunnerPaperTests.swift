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

        // The latest hour recorded the ticker and the pair rules as its inputs; a late hour neither.
        let log = try fixture.log()
        let run = try #require(try RunStore(log: log).run(first[0].runId))
        let latest = try ExchangeInputRecorder(log: log).recorded(
            run: run, hourTs: RuntimeFixture.start.adding(hours: 5))
        #expect(latest.map(\.eventType) == [.pairRulesRecorded, .tickerRecorded, .tickerRecorded])
        let late = try ExchangeInputRecorder(log: log).recorded(run: run, hourTs: RuntimeFixture.start.adding(hours: 3))
        #expect(late.isEmpty)
        let inputs = try RunStore(log: log).inputsForReplay(
            runId: run.context.runId, hourTs: RuntimeFixture.start.adding(hours: 5))
        #expect(inputs.exchange.tickers.map(\.symbol) == ["ETH/USD", "XBT/USD"])
        #expect(inputs.bars.map(\.symbol) == ["ETH/USD", "XBT/USD"])
    }

    /// The pair rules `hourTs` executed with (nil: the configured ones), and the seq they were read from.
    func rulesUsed(_ log: EventLog, run: RunRecord, hourTs: UTCTimestamp) throws -> (PairRulesRecorded, Int64)? {
        let seqs = try log.connection.execute(
            "SELECT seq FROM hour_inputs WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2) ORDER BY position",
            [.text(run.context.runId), .int64(hourTs.secondsSinceEpoch)], context: "test: the hour's inputs")
        let events = try log.read(seqs: (0..<seqs.rowCount).map { seqs.int64($0, 0)! })
        let rules = try events.compactMap { event -> (PairRulesRecorded, Int64)? in
            if case .pairRulesRecorded(let rules) = try event.decode() { return (rules, event.header.seq) }
            return nil
        }
        #expect(rules.count <= 1, "an hour executes with one set of pair rules")
        return rules.first
    }

    @Test func lateHoursUseTheRulesRecordedBeforeThemAndRulesReadNowAreNeverBackDated() async throws {
        let fixture = try RuntimeFixture()
        let runner = try fixture.runner(mode: .paper, client: try fixture.client(live: false))
        let first = try await runner.catchUp()
        #expect(first.map(\.outcome) == [.executedLate, .executed])
        let log = try fixture.log()
        let run = try #require(try RunStore(log: log).run(first[0].runId))
        let hour = { RuntimeFixture.start.adding(hours: $0) }
        // The run's first hour was late and nothing was recorded before it: the configured rules.
        #expect(try rulesUsed(log, run: run, hourTs: hour(0)) == nil)
        let (before, beforeSeq) = try #require(try rulesUsed(log, run: run, hourTs: hour(1)))
        #expect(before.hourTs == hour(1))
        #expect(before.rules.first { $0.symbol == "XBT/USD" }?.minOrderBase == (try FixedDecimal.parse("0.0001")))

        // Kraken raises XBT/USD's ordermin while the runner is stopped.
        fixture.server.setAssetPairs(
            KrakenFixtures.assetPairsResult.replacingOccurrences(
                of: #""ordermin":"0.0001""#, with: #""ordermin":"0.01""#))
        fixture.setClosedHours(5)
        let second = try await runner.catchUp()
        #expect(second.map(\.outcome) == [.executedLate, .executedLate, .executed])
        for late in [hour(2), hour(3)] {
            let used = try #require(try rulesUsed(log, run: run, hourTs: late))
            #expect(used.1 == beforeSeq, "the late hour \(late) reads the rules recorded for hour 1")
            #expect(used.0 == before)
        }
        let (now, nowSeq) = try #require(try rulesUsed(log, run: run, hourTs: hour(4)))
        #expect(nowSeq > beforeSeq && now.hourTs == hour(4))
        #expect(now.rules.first { $0.symbol == "XBT/USD" }?.minOrderBase == (try FixedDecimal.parse("0.01")))
        // Every PairRulesRecorded is tagged with the hour it was read for: one per on-time hour, none back-dated.
        let recorded = try log.connection.execute(
            """
            SELECT extract(epoch from hour_ts_utc)::bigint FROM events
            WHERE stream = $1 AND event_type = 'PairRulesRecorded' ORDER BY seq
            """, [.text(ExchangeInputStream.name(runId: run.context.runId))], context: "test: the recorded rules")
        #expect((0..<recorded.rowCount).map { recorded.int64($0, 0)! } == [hour(1), hour(4)].map(\.secondsSinceEpoch))
        let problem = try fixture.replayAndAudit(runId: run.context.runId)
        #expect(problem == nil, "\(problem ?? "")")
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
