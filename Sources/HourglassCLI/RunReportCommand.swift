import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass run-report`: performance and activity of one run, from its manifests and projections.
struct RunReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-report",
        abstract:
            "Summarise a run: equity, return, max drawdown, trades, fees and verdict counts (--json lists every trade)."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var runIdOptions: RunIdOptions
    var runId: String { runIdOptions.runId }

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    func run() throws {
        try runReportingErrors {
            let log = try global.openLog()
            let runner = CycleRunner(log: log)
            let record = try RunResolver(runner: runner).existingRun(
                accountId: accountId, runMode: nil, runId: runId, covering: nil)
            let summary = try RunSummary.load(store: runner.store, run: record)
            guard global.json else { return Console.print(summary.text) }
            guard case .object(var members) = summary.json else { return Console.printJSON(summary.json) }
            members["trades"] = .array(try TradeList.load(store: runner.store, runId: record.context.runId).map(\.json))
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
    var metrics: PerformanceMetrics
    var fills: Int
    var buys: Int
    var sells: Int
    var feesQuote: FixedDecimal
    var verdicts: [String: Int]
    var killSwitchTrips: Int

    var initialEquity: FixedDecimal { metrics.initialEquityQuote }
    var finalEquity: FixedDecimal { metrics.finalEquityQuote }
    var returnFraction: Double { metrics.totalReturnFraction }
    var maxDrawdown: Double { metrics.maxDrawdown.fractionValue }

    static func load(store: RunStore, run: RunRecord) throws -> RunSummary {
        let id = run.context.runId
        let curve = try store.equityCurve(runId: id)
        let activity = try store.activity(runId: id)
        let metrics = try store.performance(of: run)
        return RunSummary(
            run: run, hours: curve.count, firstHour: curve.first?.hourTs.iso8601 ?? "-",
            lastHour: curve.last?.hourTs.iso8601 ?? "-",
            metrics: metrics, fills: activity.fills, buys: activity.buys, sells: activity.sells,
            feesQuote: activity.feesQuote,
            verdicts: ["APPROVE": activity.approveCount, "MODIFY": activity.modifyCount, "BLOCK": activity.blockCount],
            killSwitchTrips: activity.killSwitchTrips)
    }

    var json: JSONValue {
        .object([
            "run_id": .string(run.context.runId), "account_id": .string(run.context.accountId),
            "run_mode": .string(run.context.runMode.rawValue),
            "hours": .int(Int64(hours)), "first_hour": .string(firstHour), "last_hour": .string(lastHour),
            "initial_equity": .decimal(initialEquity), "final_equity": .decimal(finalEquity),
            "return": .double((returnFraction * 1e6).rounded() / 1e6),
            "max_drawdown": .double((maxDrawdown * 1e6).rounded() / 1e6),
            "fills": .int(Int64(fills)), "buys": .int(Int64(buys)), "sells": .int(Int64(sells)),
            "fees": .decimal(feesQuote),
            "verdicts": .object(verdicts.mapValues { .int(Int64($0)) }),
            "kill_switch_trips": .int(Int64(killSwitchTrips)),
            "metrics": metrics.json,
        ])
    }

    var text: String {
        func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
        func optionalPercent(_ value: Double?) -> String { value.map(percent) ?? "n/a" }
        func ratio(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "n/a" }
        let troughText =
            metrics.maxDrawdown.troughHourTs.map { trough in
                " (peak \(metrics.maxDrawdown.peakHourTs?.iso8601 ?? "start") → trough \(trough.iso8601))"
            } ?? ""
        return """
            run \(run.context.runId) (\(run.context.runMode.rawValue), account \(run.context.accountId))
              hours          \(hours) (\(firstHour) … \(lastHour))
              equity         \(initialEquity.formatted(decimals: 2)) → \(finalEquity.formatted(decimals: 2)) (return \(percent(returnFraction)))
              max drawdown   \(percent(maxDrawdown))\(troughText)
              ratios         CAGR \(optionalPercent(metrics.cagr)), Sharpe \(ratio(metrics.sharpe)), \
            Sortino \(ratio(metrics.sortino)), Calmar \(ratio(metrics.calmar))
              trades         \(metrics.tradeCount) closed, win rate \(optionalPercent(metrics.winRate)), \
            profit factor \(ratio(metrics.profitFactor)), expectancy \(metrics.expectancyQuote?.formatted(decimals: 2) ?? "n/a")
              exposure       \(optionalPercent(metrics.exposureFraction)) of hours with an open position
              fills          \(fills) (\(buys) buys, \(sells) sells), fees \(feesQuote.formatted(decimals: 2))
              verdicts       APPROVE \(verdicts["APPROVE"]!), MODIFY \(verdicts["MODIFY"]!), BLOCK \(verdicts["BLOCK"]!)
              kill switch    \(killSwitchTrips) trip(s)
            """
    }
}
