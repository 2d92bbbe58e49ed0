import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import Logging
import Testing

@testable import HourglassRuntime
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
        // 0.5 XBT the ledger never bought (the run may already hold some: it trades from its
        // first hour, its windows warmed up from the bars before it)
        let held = fixture.server.balance("XXBT")
        fixture.server.adjustBalance("XXBT", by: try FixedDecimal.parse("0.5"))
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
        let holds = held + (try FixedDecimal.parse("0.5"))
        #expect(trips.first?.detail.hasPrefix("XBT: Kraken holds \(holds), the ledger \(held)") == true, "\(trips)")
        #expect(trips.first?.detail.contains("ETH:") == false, "only the asset that differs is named: \(trips)")
        let problem = try fixture.replayAndAudit(runId: first[0].runId)
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// The `cl_ord_id` of every real `AddOrder` the server received, in arrival order.
    func placements(_ server: KrakenTestServer) -> [String] {
        server.seen.filter { $0.path == KrakenEndpoint.addOrder.path && $0.form.value("validate") != "true" }
            .compactMap { $0.form.value("cl_ord_id") }
    }

    @Test func aLostAcknowledgementIsFoundByItsReferenceAfterARestartAndNeverPlacedTwice() async throws {
        let fixture = try liveFixture()
        func liveRunner() throws -> HourlyRunner {
            // A frozen clock and no waiting: a send whose answer is lost can never be proven unplaced,
            // so `placeOrder` gives up (orderOutcomeUnknown) instead of sending again.
            try fixture.runner(
                mode: .live, client: try fixture.client(live: true, sleeper: NoWaitSleeper()),
                startHour: RuntimeFixture.start.adding(hours: -Self.warmUpHours), config: RuntimeFixture.eagerConfig)
        }
        // Kraken executes the first AddOrder, and the connection drops before its answer.
        fixture.server.enqueue(.addOrder, .actThenHangUp)
        let first = try liveRunner()
        var closed: Int64 = -1
        var failure: (any Error)?
        while failure == nil && closed < 48 {
            closed += 1
            fixture.setClosedHours(closed)
            do { _ = try await first.catchUp() } catch { failure = error }
        }
        let error = try #require(failure, "no order was sent in 48 hours")
        #expect("\(error)".contains("may or may not exist on Kraken"), "\(error)")
        let sentHour = RuntimeFixture.start.adding(hours: closed - 1)
        #expect(fixture.server.orderCount == 1 && placements(fixture.server).count == 1)
        let lost = try #require(placements(fixture.server).first)

        // The process is gone (its lock with it); a new one starts in the same hour, within the deadline.
        try AccountLock(log: first.log, accountId: "acct").release()
        let restarted = try liveRunner()
        #expect(try await restarted.catchUp().isEmpty, "the hour was committed before the send")
        let log = try fixture.log()
        let runId = try #require(try RunStore(log: log).runIds(accountId: "acct").last)
        let run = try #require(try RunStore(log: log).run(runId))
        let approved = try log.read(runId: runId, hourTs: sentHour).compactMap { event -> OrderPlaced? in
            if case .orderPlaced(let order) = try event.decode() { return order } else { return nil }
        }
        let references = approved.map {
            ClientOrderReference(runId: runId, hourTs: sentHour, orderId: $0.orderId).clientOrderId
        }
        #expect(references.contains(lost), "the lost order is one the hour approved")
        // Each approved order reached Kraken exactly once: the lost one was found by its reference.
        #expect(placements(fixture.server).sorted() == references.sorted(), "\(placements(fixture.server))")
        #expect(fixture.server.orderCount == approved.count)

        // The next hour records what Kraken did with each of them, found by reference, and posts it.
        fixture.setClosedHours(closed + 1)
        let next = try await restarted.catchUp()
        #expect(next.map(\.hourTs) == [sentHour.adding(hours: 1)])
        #expect(next.first?.killSwitchTripped == false, "the ledger and Kraken's balances agree")
        let placed = placements(fixture.server)
        #expect(placed.filter(references.contains).sorted() == references.sorted(), "nothing was placed again")
        #expect(Set(placed).count == placed.count, "no client reference was placed twice: \(placed)")
        let inputs = try ExchangeInputRecorder(log: log).recorded(run: run, hourTs: sentHour.adding(hours: 1))
        let acknowledgements = inputs.compactMap { event -> ExchangeOrderAcknowledged? in
            if case .exchangeOrderAcknowledged(let ack) = event { return ack } else { return nil }
        }
        let fills = inputs.compactMap { event -> ExchangeFillRecorded? in
            if case .exchangeFillRecorded(let fill) = event { return fill } else { return nil }
        }
        let probe = try fixture.client(live: true)
        for (order, reference) in zip(approved, references) {
            let onKraken = try #require(try await probe.findOrder(clientOrderId: reference))
            let ack = try #require(acknowledgements.first { $0.orderId == order.orderId })
            #expect(ack.status == "placed" && ack.clientOrderId == reference && ack.exchangeOrderId == onKraken.txid)
            #expect(fills.filter { $0.orderId == order.orderId }.count == onKraken.tradeIds.count)
        }
        let filled = try log.read(runId: runId, hourTs: sentHour.adding(hours: 1)).compactMap {
            event -> OrderFilled? in
            if case .orderFilled(let fill) = try event.decode(), fill.decidedHourTs == sentHour { return fill }
            return nil
        }
        #expect(filled.map(\.orderId).sorted() == approved.map(\.orderId).sorted())
        for fill in filled {
            let recorded = fills.filter { $0.orderId == fill.orderId }
            #expect(fill.quantityBase == recorded.reduce(FixedDecimal.zero) { $0 + $1.quantityBase })
            #expect(fill.feeQuote == recorded.reduce(FixedDecimal.zero) { $0 + $1.feeQuote })
        }
        try checkExplanation(log: log, run: run, hourTs: sentHour.adding(hours: 1), recorded: inputs)
        let problem = try fixture.replayAndAudit(runId: runId)
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// `explain-hour`'s first step lists exactly the exchange inputs the hour recorded, each with its seq.
    func checkExplanation(log: EventLog, run: RunRecord, hourTs: UTCTimestamp, recorded: [DomainEvent]) throws {
        let explanation = try HourExplainer(log: log).explain(run: run, hourTs: hourTs)
        let seqs = try RunStore(log: log).exchangeInputSeqs(runId: run.context.runId, hourTs: hourTs)
        #expect(seqs.count == recorded.count)
        let json = explanation.json["inputs"]
        var shown: [(Int64, String)] = []
        for key in ["pair_rules", "tickers", "acknowledgements", "exchange_fills", "balances", "alarms"] {
            guard case .array(let items) = json?[key] else {
                Issue.record("explain-hour --json has no inputs.\(key)")
                continue
            }
            for item in items {
                guard case .object(var members) = item, case .int(let seq) = members["seq"] else {
                    Issue.record("inputs.\(key) item without a seq")
                    continue
                }
                members["seq"] = nil
                shown.append((seq, JSONValue.object(members).canonicalText))
            }
        }
        let expected = zip(seqs, recorded).map { ($0, $1.json.canonicalText) }
        #expect(shown.map(\.0).sorted() == expected.map(\.0).sorted())
        for (seq, text) in expected { #expect(shown.first { $0.0 == seq }?.1 == text, "seq \(seq)") }
        #expect(recorded.contains { $0.eventType == .exchangeOrderAcknowledged })
        #expect(recorded.contains { $0.eventType == .exchangeFillRecorded })
        #expect(recorded.contains { $0.eventType == .balancesRecorded })
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
