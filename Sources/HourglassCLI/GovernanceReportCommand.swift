import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass governance-report`: what governance did over a run, and what the run would have
/// done without it.
struct GovernanceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance-report",
        abstract:
            "Report a run's verdicts per rule and outcome, blocked and cut notional, and a shadow run without governance.",
        discussion: """
            Counts come from the run's VerdictRecorded events. The shadow comparison re-runs the same \
            hours in memory from the inputs the run consumed, with the run's config but \
            governance_enabled = false: only cash_sufficiency, long_only and min_order judge orders, \
            the kill switch and circuit breaker are not evaluated, and sizing ignores the breaker \
            (see docs/CONFIG.md). Return and max drawdown are measured on hourly equity, starting \
            from the initial cash.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @OptionGroup var runIdOptions: RunIdOptions
    var runId: String { runIdOptions.runId }

    @Flag(help: "Skip the shadow re-run (counts only).")
    var noShadow = false

    func run() throws {
        try runReportingErrors {
            let runner = CycleRunner(log: try global.openLog())
            let record = try RunResolver(runner: runner).existingRun(
                accountId: accountId, runMode: nil, runId: runId, covering: nil)
            let verdicts = try runner.store.verdicts(of: record)
            var shadow: ShadowComparison? = nil
            if !noShadow {
                do {
                    shadow = try ShadowRun(runner: runner, run: record).compare { done, total in
                        if done % 500 == 0 { Console.progress("shadow run: \(done)/\(total) hours") }
                    }
                } catch let error as RunResolutionError { throw CLIError.input(error.description) }
            }
            let report = GovernanceReport(verdicts: verdicts, shadow: shadow)
            if global.json {
                Console.printJSON(
                    .object([
                        "run_id": .string(record.context.runId), "account_id": .string(record.context.accountId),
                        "report": report.json,
                    ]))
            } else {
                Console.print(
                    "governance report of run \(record.context.runId) (account \(record.context.accountId))\n"
                        + report.text)
            }
        }
    }
}
