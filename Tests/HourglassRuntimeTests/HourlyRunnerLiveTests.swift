import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import HourglassRuntime
import Logging
import Testing

@testable import HourglassStore

@Suite(.serialized) struct HourlyRunnerLiveTests {
    /// Hours a run executes before its features (a week of its own bars) let it propose entries.
    static let warmUpHours: Int64 = 200

    /// A LIVE fixture whose exchange account starts as the ledger does: 100 000 USD, nothing else,
    /// and whose fills move the balances.
    func liveFixture() throws -> RuntimeFixture {
        let fixture = try RuntimeFixture()
        fixture.server.setBalances([("XETH", "0"), ("XXBT", "0"), ("ZUSD", "100000")])
        fixture.server.setTracksBalances(true)
        return fixture
    }

    /// Advances Kraken's clock an hour at a time from `from` closed hours until a pass sends an
    /// order (at most `limit` hours); returns the closed-hour count reached and that pass's reports.
    func advanceUntilAnOrderIsSent(
        _ fixture: RuntimeFixture, _ runner: HourlyRunner, from: Int64,
        limit: Int64 = 48
    ) async throws -> (Int64, [HourReport]) {
        var closed = from
        while closed < from + limit {
            closed += 1
            fixture.setClosedHours(closed)
            let reports = try await runner.catchUp()
            if reports.contains(where: { $0.ordersSent > 0 }) { return (closed, reports) }
        }
        Issue.record("no order was sent in \(limit) hours")
        return (closed, [])
    }

    @Test func liveCatchUpHoursSendNothingAndTheLatestHourPlacesFillsAndReconciles() async throws {
        let fixture = try liveFixture()
        let runner = try fixture.runner(
            mode: .live, client: try fixture.client(live: true),
            startHour: RuntimeFixture.start.adding(hours: -Self.warmUpHours), config: RuntimeFixture.eagerConfig)
        // The features need a week of the run's own hours: all but the last are caught up late and
        // send nothing, whatever they approved.
        fixture.setClosedHours(0)
        let catchUp = try await runner.catchUp()
        #expect(catchUp.count == Int(Self.warmUpHours))
        let late = catchUp.dropLast()
        #expect(late.allSatisfy { $0.outcome == .executedLate && $0.ordersSent == 0 })
        #expect(late.contains { $0.ordersApproved > 0 }, "the eager signal approves orders in the late hours")
        #expect(fixture.server.orderCount == catchUp.last!.ordersSent)

        let (closed, reports) = try await advanceUntilAnOrderIsSent(fixture, runner, from: 0)
        let sentHour = try #require(reports.last { $0.ordersSent > 0 })
        let ordersBefore = fixture.server.orderCount
        #expect(ordersBefore >= sentHour.ordersSent)

        // Next hour: the fills are recorded as inputs, the ledger posts them, the balances agree.
        fixture.setClosedHours(closed + 1)
        let next = try await runner.catchUp()
        #expect(next.count == 1)
        #expect(!next[0].killSwitchTripped, "the balances reconcile")
        let log = try fixture.log()
        let run = try #require(try RunStore(log: log).run(sentHour.runId))
        let inputs = try ExchangeInputRecorder(log: log).recorded(run: run, hourTs: next[0].hourTs)
        let acknowledgements = inputs.compactMap { event -> ExchangeOrderAcknowledged? in
            if case .exchangeOrderAcknowledged(let ack) = event { return ack } else { return nil }
        }
        let fills = inputs.compactMap { event -> ExchangeFillRecorded? in
            if case .exchangeFillRecorded(let fill) = event { return fill } else { return nil }
        }
        #expect(acknowledgements.count == sentHour.ordersSent)
        #expect(acknowledgements.allSatisfy { $0.status == "placed" && !$0.exchangeOrderId.isEmpty })
        #expect(fills.count == sentHour.ordersSent)
        let outputs = try log.read(runId: run.context.runId, hourTs: next[0].hourTs).map { try $0.decode() }
        let filled = outputs.compactMap { event -> OrderFilled? in
            if case .orderFilled(let fill) = event { return fill } else { return nil }
        }
        #expect(filled.map(\.quantityBase) == fills.map(\.quantityBase))
        #expect(filled.map(\.notionalQuote) == fills.map(\.costQuote))
        #expect(filled.map(\.feeQuote) == fills.map(\.feeQuote))
        // A second pass in the same hour sends nothing again.
        #expect(try await runner.catchUp().isEmpty)
        #expect(fixture.server.orderCount == ordersBefore + next[0].ordersSent)
        let problem = try fixture.replayAndAudit(runId: run.context.runId)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func partialFillsPostWhatFilledAndTheRestIsCancelled() async throws {
        let fixture = try liveFixture()
        fixture.server.setFillMode(.partial(fraction: try FixedDecimal.parse("0.5")))
        let runner = try fixture.runner(
            mode: .live, client: try fixture.client(live: true),
            startHour: RuntimeFixture.start.adding(hours: -Self.warmUpHours), config: RuntimeFixture.eagerConfig)
        fixture.setClosedHours(0)
        _ = try await runner.catchUp()
        let (closed, reports) = try await advanceUntilAnOrderIsSent(fixture, runner, from: 0)
        let sentHour = try #require(reports.last { $0.ordersSent > 0 })
        fixture.setClosedHours(closed + 1)
        let next = try await runner.catchUp()
        #expect(!next[0].killSwitchTripped, "half filled on both sides of the books: they agree")
        #expect(fixture.server.count(.cancelOrder) >= sentHour.ordersSent)
        let log = try fixture.log()
        let outputs = try log.read(runId: sentHour.runId, hourTs: next[0].hourTs).map { try $0.decode() }
        let filled = outputs.compactMap { event -> OrderFilled? in
            if case .orderFilled(let fill) = event, fill.decidedHourTs == sentHour.hourTs {
                return fill
            } else {
                return nil
            }
        }
        #expect(filled.count == sentHour.ordersSent)
        #expect(filled.allSatisfy { $0.quantityBase < $0.requestedQuantityBase && $0.note.hasSuffix("(partial)") })
        let problem = try fixture.replayAndAudit(runId: sentHour.runId)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func aForcedBalanceMismatchTripsTheKillSwitchNamingTheAsset() async throws {
        let fixture = try liveFixture()
        let runner = try fixture.runner(mode: .live, client: try fixture.client(live: true))
        fixture.setClosedHours(2)
        let first = try await runner.catchUp()
        #expect(first.allSatisfy { !$0.killSwitchTripped })
        // 0.5 XBT the ledger never bought
        fixture.server.setBalances([("XETH", "0"), ("XXBT", "0.5"), ("ZUSD", "100000")])
        fixture.setClosedHours(3)
        _ = try await runner.catchUp()  // reconciles hour 2: the alarm is recorded for hour 3
        fixture.setClosedHours(4)
        let tripped = try await runner.catchUp()
        #expect(tripped.map(\.killSwitchTripped) == [true])
        let log = try fixture.log()
        let events = try log.read(runId: first[0].runId, hourTs: RuntimeFixture.start.adding(hours: 3)).map {
            try $0.decode()
        }
        let trips = events.compactMap { event -> KillSwitchTripped? in
            if case .killSwitchTripped(let trip) = event { return trip } else { return nil }
        }
        #expect(trips.map(\.reason) == ["balance_mismatch"])
        #expect(trips.first?.detail.hasPrefix("XBT: Kraken holds 0.5") == true, "\(trips)")
        let problem = try fixture.replayAndAudit(runId: first[0].runId)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func liveWithoutCredentialsRefusesWithWhatToSet() throws {
        #expect {
            _ = try RunnerService(
                dsn: "postgresql:///none", settings: RunnerSettings(accountId: "a", runMode: .live),
                environment: [:], secretsFile: nil, logger: .init(label: "t"))
        } throws: { error in
            "\(error)".contains("HOURGLASS_KRAKEN_KEY") && "\(error)".contains("--secrets-file")
        }
    }
}
