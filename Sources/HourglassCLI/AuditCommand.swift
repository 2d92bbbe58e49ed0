import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass audit`: prove a run's capital accounting from the log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Check the hash chain and a run's accounting: balanced postings, cash ≥ 0, no shorts, equity, fees, limits, projections, snapshots.",
        discussion:
            "Audits --run-id, or every run of the account. Exits 0 when every check passes, 1 naming the first violation."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @OptionGroup var runIdOptions: OptionalRunIdOptions
    var runId: String? { runIdOptions.runId }

    func run() throws {
        try runReportingErrors {
            let log = try global.openLog()
            let runner = CycleRunner(log: log)
            let runIds = try RunResolver(runner: runner).auditedRunIds(accountId: accountId, runId: runId)
            var failed = false
            var reports: [JSONValue] = []
            for (index, id) in runIds.enumerated() {
                guard let record = try runner.store.run(id) else { throw CLIError.input("run \(id) does not exist") }
                let checks = try Auditor(log: log).audit(run: record, verifyChain: index == 0)
                failed = failed || checks.contains { !$0.passed }
                if global.json {
                    reports.append(
                        .object([
                            "run_id": .string(id), "passed": .bool(checks.allSatisfy(\.passed)),
                            "checks": .array(
                                checks.map {
                                    .object([
                                        "id": .string($0.id), "checked": .int(Int64($0.checked)),
                                        "passed": .bool($0.passed),
                                        "violation": $0.violation.map { .string($0) } ?? .null,
                                    ])
                                }),
                        ]))
                } else {
                    Console.print("run \(id):")
                    for check in checks {
                        Console.print(
                            "  \(check.passed ? "PASS" : "FAIL") \(check.id) (\(check.checked) checked)\(check.violation.map { ": \($0)" } ?? "")"
                        )
                    }
                }
            }
            if global.json {
                Console.printJSON(
                    .object(["account_id": .string(accountId), "passed": .bool(!failed), "runs": .array(reports)]))
            } else {
                Console.print(failed ? "AUDIT FAILED" : "AUDIT PASSED")
            }
            if failed { throw ExitCode.divergence }
        }
    }
}
