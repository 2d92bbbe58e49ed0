import Foundation
import HourglassCore
import HourglassExchangeTestSupport
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `explain-hour` against the events themselves: a real twelve-day BACKTEST run on real Kraken bars
/// (a week of warm-up, then trades), one busy hour decoded here from the log, independently of
/// `HourExplainer`.
@Suite struct ExplainHourCommandTests {
    static let runId = "00000000-0000-4000-8000-0000000e1a17"
    static let account = "explain"
    static let start = UTCTimestamp.parse("2022-03-08T00:00:00Z")!
    static let hours: Int64 = 288

    /// What the log holds for one hour, decoded with the event log alone.
    struct LoggedHour {
        var inputSeqs: [Int64]
        var outputs: [(seq: Int64, event: DomainEvent)]

        func seqs(_ type: EventType) -> [Int64] { outputs.filter { $0.event.eventType == type }.map(\.seq) }
    }

    static func logged(_ connection: PGConnection, log: EventLog, hourTs: UTCTimestamp) throws -> LoggedHour {
        let inputs = try connection.execute(
            "SELECT seq FROM hour_inputs WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2) ORDER BY position",
            [.text(runId), .int64(hourTs.secondsSinceEpoch)], context: "test: the hour's inputs")
        let events = try log.read(runId: runId, hourTs: hourTs)
        return LoggedHour(
            inputSeqs: (0..<inputs.rowCount).map { inputs.int64($0, 0)! },
            outputs: try events.map { ($0.header.seq, try $0.decode()) })
    }

    static func seqs(_ json: JSONValue?) -> [Int64] {
        guard case .array(let items) = json else { return [] }
        return items.compactMap { item in if case .int(let seq) = item["seq"] { return seq } else { return nil } }
    }

    @Test func theExplanationHoldsEveryEventOfTheHourInCycleOrder() throws {
        let scratch = try Scratch("explain")
        defer { scratch.remove() }
        let database = try TestDatabase.create("explain")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let end = Self.start.adding(hours: Self.hours - 1)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: end)))
        try cli.succeed(
            [
                "execute-window", "--account-id", Self.account, "--run-mode", "BACKTEST", "--run-id", Self.runId,
                "--start-hour-ts-utc", Self.start.iso8601, "--end-hour-ts-utc", end.iso8601,
            ] + MomentumBaseline.arguments)
        let connection = try database.connect()
        // The premise: the window has an hour that judged and placed orders, and the next filled them.
        let busiest = try connection.execute(
            """
            SELECT extract(epoch from v.hour_ts_utc)::bigint FROM verdicts v
            WHERE v.run_id = $1::uuid
              AND EXISTS (SELECT 1 FROM orders o WHERE o.run_id = v.run_id AND o.decided_hour = v.hour_ts_utc)
            GROUP BY v.hour_ts_utc ORDER BY count(*) DESC, v.hour_ts_utc LIMIT 1
            """, [.text(Self.runId)], context: "test: the busiest hour")
        try #require(busiest.rowCount == 1, "the window placed no order; pick another window")
        let judged = UTCTimestamp(secondsSinceEpoch: busiest.int64(0, 0)!)
        var checked: [EventType: Int] = [:]
        for hourTs in [judged, judged.adding(hours: 1)] {
            let log = try Self.logged(connection, log: try EventLog.open(dsn: database.dsn), hourTs: hourTs)
            for (_, event) in log.outputs { checked[event.eventType, default: 0] += 1 }
            let run = try cli.succeed([
                "explain-hour", "--account-id", Self.account, "--run-id", Self.runId,
                "--hour-ts-utc", hourTs.iso8601, "--json",
            ])
            let json = try JSONValue.parse(run.stdout)
            #expect(Self.seqs(json["inputs"]?["bars"]) == log.inputSeqs)
            #expect(Self.seqs(json["fills"]) == log.seqs(.orderFilled))
            #expect(Self.seqs(json["exits"]) == log.seqs(.exitTriggered))
            #expect(Self.seqs(json["models"]) == log.seqs(.predictionMade))
            #expect(Self.seqs(json["verdicts"]) == log.seqs(.verdictRecorded))
            #expect(Self.seqs(json["orders"]) == log.seqs(.orderPlaced))
            #expect(Self.seqs(json["postings"]) == log.seqs(.ledgerPosted))
            #expect(json["output_event_count"] == .int(Int64(log.outputs.count)))
            for (seq, event) in log.outputs {
                switch event {
                case .verdictRecorded(let recorded):
                    let verdict = Self.item(json["verdicts"], seq: seq)
                    #expect(verdict?["decision"] == .string(recorded.verdict.decision.rawValue))
                    guard case .array(let results) = verdict?["results"] else {
                        Issue.record("no results")
                        continue
                    }
                    #expect(results.count == recorded.verdict.results.count)
                    #expect(results.map { $0["rule_id"] } == recorded.verdict.results.map { .string($0.ruleId) })
                    #expect(results.map { $0["outcome"] } == recorded.verdict.results.map { .string($0.outcome.name) })
                case .orderFilled(let fill):
                    #expect(Self.item(json["fills"], seq: seq)?["fill_price"] == .decimal(fill.fillPriceQuote))
                case .predictionMade(let prediction):
                    // Numbers compare by their canonical text: 1.0 parses back as the integer 1.
                    #expect(
                        Self.item(json["models"], seq: seq)?["score"]?.canonicalText
                            == JSONValue.double(prediction.score).canonicalText)
                    #expect(
                        Self.item(json["sizing"], seq: seq)?["steps"]?.canonicalText
                            == JSONValue.array(prediction.sizingSteps.map(\.json)).canonicalText)
                case .hourClosed(let closed):
                    #expect(json["manifest"]?.canonicalText == closed.manifest.json.canonicalText)
                default: break
                }
            }
            try checkText(cli, hourTs: hourTs, log: log)
        }
        // The comparison covered judged orders, placed orders and fills, not just empty lists.
        #expect(checked[.verdictRecorded, default: 0] > 0 && checked[.orderPlaced, default: 0] > 0)
        #expect(checked[.orderFilled, default: 0] > 0 && checked[.ledgerPosted, default: 0] > 0, "\(checked)")
    }

    func checkText(_ cli: CLI, hourTs: UTCTimestamp, log: LoggedHour) throws {
        let arguments = [
            "explain-hour", "--account-id", Self.account, "--run-id", Self.runId, "--hour-ts-utc", hourTs.iso8601,
        ]
        let text = try cli.succeed(arguments).stdout
        let steps = [
            "1 inputs", "2 fills", "3 exits", "4 features", "5 models", "6 sizing", "7 verdicts", "8 orders",
            "9 ledger", "10 guards", "11 manifest",
        ]
        let positions = steps.map { step in text.range(of: "\n" + step)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "a step is missing:\n\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "steps out of cycle order")
        for case .verdictRecorded(let recorded) in log.outputs.map(\.event) {
            for result in recorded.verdict.results { #expect(text.contains(result.ruleId + " ")) }
        }
        for case .hourClosed(let closed) in log.outputs.map(\.event) {
            #expect(
                text.contains(closed.manifest.stateSha256.hex) && text.contains(closed.manifest.inputEventsSha256.hex))
        }
        // Narrowed to one symbol: no other pair's bar, prediction or verdict remains.
        let narrowed = try cli.succeed(arguments + ["--symbol", "XBT/USD"]).stdout
        for other in ["ETH/USD", "LTC/USD", "XRP/USD", "BCH/USD"] { #expect(!narrowed.contains(other + " ")) }
        #expect(
            narrowed.contains("XBT/USD") && narrowed.split(separator: "\n").count < text.split(separator: "\n").count)
        let unknown = try cli.run(arguments + ["--symbol", "DOGE/USD"])
        #expect(unknown.status == 2 && unknown.stderr.contains("not in the run's universe"), "\(unknown)")
    }

    static func item(_ json: JSONValue?, seq: Int64) -> JSONValue? {
        guard case .array(let items) = json else { return nil }
        return items.first { $0["seq"] == .int(seq) }
    }

    /// The `inputs` key of `explain-hour --json` that lists each exchange input type.
    static let exchangeInputKeys: [(key: String, type: EventType)] = [
        ("pair_rules", .pairRulesRecorded), ("tickers", .tickerRecorded),
        ("acknowledgements", .exchangeOrderAcknowledged), ("exchange_fills", .exchangeFillRecorded),
        ("balances", .balancesRecorded), ("alarms", .exchangeAlarmRaised),
    ]

    @Test func aPaperHourListsWhatTheExchangeSaidInItsFirstStep() throws {
        // PAPER through `hourglass run` against the loopback Kraken server: hours 0 and 1, then 2 (late) and 3.
        let setup = try RunnerCommandTests.Setup()
        let start = RunnerCommandTests.start
        let first = try setup.reports(
            try setup.cli.run(
                ["run", "--once", "--json", "--start-hour-ts-utc", start.iso8601] + setup.runArguments))
        let runId = try #require(first.first?["run_id"] as? String)
        setup.setClosedHours(4)
        #expect(try setup.reports(try setup.cli.run(["run", "--once", "--json"] + setup.runArguments)).count == 2)
        let connection = try setup.database.connect()
        let log = try setup.database.openLog()
        for (hourTs, readFor) in [(start.adding(hours: 3), nil), (start.adding(hours: 2), start.adding(hours: 1))] {
            // What the hour consumed, decoded here from hour_inputs and the log alone.
            let rows = try connection.execute(
                "SELECT seq FROM hour_inputs WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2) ORDER BY position",
                [.text(runId), .int64(hourTs.secondsSinceEpoch)], context: "test: the hour's inputs")
            let consumed = try log.read(seqs: (0..<rows.rowCount).map { rows.int64($0, 0)! }).map {
                ($0.header.seq, try $0.decode())
            }
            let arguments = [
                "explain-hour", "--account-id", "acct", "--run-id", runId, "--hour-ts-utc", hourTs.iso8601,
            ]
            let json = try JSONValue.parse(try setup.cli.succeed(arguments + ["--json"]).stdout)
            for (key, type) in Self.exchangeInputKeys {
                let events = consumed.filter { $0.1.eventType == type }
                #expect(Self.seqs(json["inputs"]?[key]) == events.map(\.0), "inputs.\(key) of \(hourTs)")
                for (seq, event) in events {
                    guard case .object(var members) = Self.item(json["inputs"]?[key], seq: seq) else { continue }
                    members["seq"] = nil
                    #expect(JSONValue.object(members).canonicalText == event.json.canonicalText, "seq \(seq)")
                }
            }
            let rules = try #require(
                consumed.compactMap { item -> (Int64, PairRulesRecorded)? in
                    if case .pairRulesRecorded(let rules) = item.1 { return (item.0, rules) } else { return nil }
                }.first, "PAPER hours execute with Kraken's pair rules")
            #expect(rules.1.hourTs == (readFor ?? hourTs), "a late hour uses the rules read for an earlier hour")
            let tickers = consumed.compactMap { item -> TickerRecorded? in
                if case .tickerRecorded(let ticker) = item.1 { return ticker } else { return nil }
            }
            #expect(tickers.map(\.symbol) == (readFor == nil ? ["ETH/USD", "XBT/USD"] : []))

            let text = try setup.cli.succeed(arguments).stdout
            let stepOne = String(text[..<(try #require(text.range(of: "\n2 fills")).lowerBound)])
            #expect(stepOne.contains("pair rules ETH/USD lot 8 min 0.002"), "\(stepOne)")
            #expect(stepOne.contains("(seq \(rules.0)" + (readFor.map { ", read for \($0.iso8601))" } ?? ")")))
            for ticker in tickers {
                #expect(stepOne.contains("ticker \(ticker.symbol) bid "), "\(stepOne)")
            }
            let narrowed = try setup.cli.succeed(arguments + ["--symbol", "XBT/USD"]).stdout
            #expect(narrowed.contains("pair rules XBT/USD lot 8") && !narrowed.contains("ETH/USD "), "\(narrowed)")
        }
    }

    @Test func anHourNotExecutedIsAnInputError() throws {
        let scratch = try Scratch("explain-missing")
        defer { scratch.remove() }
        let database = try TestDatabase.create("explain_missing")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let outcome = try cli.run([
            "explain-hour", "--account-id", Self.account, "--run-id", Self.runId,
            "--hour-ts-utc", Self.start.iso8601,
        ])
        #expect(outcome.status == 2 && outcome.stderr.contains("does not exist"), "\(outcome)")
        let badHour = try cli.run([
            "explain-hour", "--account-id", Self.account, "--run-id", Self.runId,
            "--hour-ts-utc", "2022-03-08T00:30:00Z",
        ])
        #expect(badHour.status == 2, "\(badHour)")
    }
}
