import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass audit`: prove a run's capital accounting from the log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the hash chain and a run's accounting: balanced postings, cash ≥ 0, no shorts, equity, fees, limits, projections, snapshots.",
        discussion: "Audits --run-id, or every run of the account. Exits 0 when every check passes, 1 naming the first violation."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The account to audit.")
    var accountId: String

    @Option(help: "Only this run (default: every run of the account).")
    var runId: String?

    func run() throws {
        try runReportingErrors {
            let log = EventLog(connection: try global.connect())
            let runner = CycleRunner(log: log)
            var runIds: [String] = []
            if let runId {
                runIds = [try RunResolver(runner: runner).existingRun(accountId: accountId, runMode: nil, runId: runId, covering: nil).context.runId]
            } else {
                let result = try log.connection.execute("SELECT run_id::text FROM runs WHERE account_id = $1 ORDER BY seq", [.text(accountId)], context: "list runs")
                runIds = (0..<result.rowCount).map { result.string($0, 0)! }
                if runIds.isEmpty { throw CLIError.input("account \(accountId) has no runs") }
            }
            var failed = false
            var reports: [JSONValue] = []
            for (index, id) in runIds.enumerated() {
                guard let record = try runner.store.run(id) else { throw CLIError.input("run \(id) does not exist") }
                let checks = try Auditor(log: log).audit(run: record, verifyChain: index == 0)
                failed = failed || checks.contains { !$0.passed }
                if global.json {
                    reports.append(.object([
                        "run_id": .string(id), "passed": .bool(checks.allSatisfy(\.passed)),
                        "checks": .array(checks.map { .object(["id": .string($0.id), "checked": .int(Int64($0.checked)), "passed": .bool($0.passed),
                                                               "violation": $0.violation.map { .string($0) } ?? .null]) }),
                    ]))
                } else {
                    Console.print("run \(id):")
                    for check in checks {
                        Console.print("  \(check.passed ? "PASS" : "FAIL") \(check.id) (\(check.checked) checked)\(check.violation.map { ": \($0)" } ?? "")")
                    }
                }
            }
            if global.json { Console.printJSON(.object(["account_id": .string(accountId), "passed": .bool(!failed), "runs": .array(reports)])) }
            else { Console.print(failed ? "AUDIT FAILED" : "AUDIT PASSED") }
            if failed { throw ExitCode.divergence }
        }
    }
}
