import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass run-report`: performance and activity of one run, from its manifests and projections.
struct RunReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-report",
        abstract: "Summarise a run: equity, return, max drawdown, trades, fees and verdict counts (--json lists every trade)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The run's UUID.")
    var runId: String

    @Option(help: "The account the run belongs to.")
    var accountId: String

    func run() throws {
        try runReportingErrors {
            let log = EventLog(connection: try global.connect())
            let runner = CycleRunner(log: log)
            let record = try RunResolver(runner: runner).existingRun(accountId: accountId, runMode: nil, runId: runId, covering: nil)
            let summary = try RunSummary.load(connection: log.connection, run: record)
            guard global.json else { return Console.print(summary.text) }
            guard case .object(var members) = summary.json else { return Console.printJSON(summary.json) }
            members["trades"] = .array(try TradeList.load(connection: log.connection, runId: record.context.runId).map(\.json))
            Console.printJSON(.object(members))
        }
    }
}

/// The numbers of a run's report.
struct RunSummary {
    var run: RunRecord
    var hours: Int
    var firstHour: String
    var lastHour: String
    var initialEquity: FixedDecimal
    var finalEquity: FixedDecimal
    var maxDrawdown: Double
    var fills: Int
    var buys: Int
    var sells: Int
    var feesQuote: FixedDecimal
    var verdicts: [String: Int]
    var killSwitchTrips: Int

    var returnFraction: Double {
        initialEquity.isPositive ? (finalEquity - initialEquity).doubleValue / initialEquity.doubleValue : 0
    }

    static func load(connection: PGConnection, run: RunRecord) throws -> RunSummary {
        let id = run.context.runId
        let equity = try connection.execute("""
            SELECT equity::text, to_char(hour_ts_utc, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM hour_manifests WHERE run_id = $1::uuid ORDER BY hour_ts_utc
            """, [.text(id)], context: "read the equity curve")
        var peak = run.config.initialCashQuote.doubleValue
        var maxDrawdown = 0.0
        var last = run.config.initialCashQuote
        for row in 0..<equity.rowCount {
            last = try FixedDecimal.parse(equity.string(row, 0)!)
            let value = last.doubleValue
            peak = max(peak, value)
            if peak > 0 { maxDrawdown = max(maxDrawdown, (peak - value) / peak) }
        }
        let fills = try connection.execute("""
            SELECT count(*), count(*) FILTER (WHERE side = 'BUY'), count(*) FILTER (WHERE side = 'SELL'), coalesce(sum(fee), 0)::text
            FROM fills WHERE run_id = $1::uuid
            """, [.text(id)], context: "count fills")
        let verdictRows = try connection.execute("SELECT decision, count(*) FROM verdicts WHERE run_id = $1::uuid GROUP BY decision ORDER BY decision",
                                                 [.text(id)], context: "count verdicts")
        var verdicts: [String: Int] = ["APPROVE": 0, "MODIFY": 0, "BLOCK": 0]
        for row in 0..<verdictRows.rowCount { verdicts[verdictRows.string(row, 0)!] = Int(verdictRows.int64(row, 1)!) }
        let trips = try connection.execute("SELECT count(*) FROM kill_switch_events WHERE run_id = $1::uuid AND kind = 'TRIPPED'", [.text(id)], context: "count trips")
        return RunSummary(
            run: run, hours: equity.rowCount, firstHour: equity.rowCount > 0 ? equity.string(0, 1)! : "-",
            lastHour: equity.rowCount > 0 ? equity.string(equity.rowCount - 1, 1)! : "-", initialEquity: run.config.initialCashQuote,
            finalEquity: last, maxDrawdown: maxDrawdown, fills: Int(fills.int64(0, 0)!), buys: Int(fills.int64(0, 1)!),
            sells: Int(fills.int64(0, 2)!), feesQuote: try FixedDecimal.parse(fills.string(0, 3)!), verdicts: verdicts,
            killSwitchTrips: Int(trips.int64(0, 0)!))
    }

    var json: JSONValue {
        .object([
            "run_id": .string(run.context.runId), "account_id": .string(run.context.accountId), "run_mode": .string(run.context.runMode.rawValue),
            "hours": .int(Int64(hours)), "first_hour": .string(firstHour), "last_hour": .string(lastHour),
            "initial_equity": .decimal(initialEquity), "final_equity": .decimal(finalEquity),
            "return": .double((returnFraction * 1e6).rounded() / 1e6), "max_drawdown": .double((maxDrawdown * 1e6).rounded() / 1e6),
            "fills": .int(Int64(fills)), "buys": .int(Int64(buys)), "sells": .int(Int64(sells)), "fees": .decimal(feesQuote),
            "verdicts": .object(verdicts.mapValues { .int(Int64($0)) }), "kill_switch_trips": .int(Int64(killSwitchTrips)),
        ])
    }

    var text: String {
        func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
        return """
            run \(run.context.runId) (\(run.context.runMode.rawValue), account \(run.context.accountId))
              hours          \(hours) (\(firstHour) … \(lastHour))
              equity         \(initialEquity.formatted(decimals: 2)) → \(finalEquity.formatted(decimals: 2)) (return \(percent(returnFraction)))
              max drawdown   \(percent(maxDrawdown))
              fills          \(fills) (\(buys) buys, \(sells) sells), fees \(feesQuote.formatted(decimals: 2))
              verdicts       APPROVE \(verdicts["APPROVE"]!), MODIFY \(verdicts["MODIFY"]!), BLOCK \(verdicts["BLOCK"]!)
              kill switch    \(killSwitchTrips) trip(s)
            """
    }
}
