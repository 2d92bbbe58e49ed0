import ArgumentParser
import Foundation
import HourglassCore
import HourglassReport
import HourglassStore

/// `hourglass report`: one self-contained HTML file (inline SVG and CSS, no network) about a run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a run's report as one self-contained HTML file: equity, drawdown, exposure, rules, metrics, trades.",
        discussion: """
            The metrics are the ones run-report prints (one PerformanceMetrics); each value cell carries \
            data-metric and data-value attributes. The Monte Carlo drawdowns are seeded from the run, so the \
            same run always gives the same file.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions

    @OptionGroup var runIdOptions: RunIdOptions

    @Option(help: "Where to write the HTML file (replaced if it exists).")
    var out: String

    func validate() throws {
        if out.isEmpty { throw ValidationError("Please specify --out, the HTML file to write (e.g. report.html).") }
    }

    func run() throws {
        try runReportingErrors {
            let log = try global.openLog()
            let record = try RunResolver(runner: CycleRunner(log: log))
                .existingRun(accountId: account.accountId, runMode: nil, runId: runIdOptions.runId, covering: nil)
            let data = try RunReportReader(log: log).read(run: record)
            let bytes = HTMLReportRenderer().renderBytes(data)
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CLIError.input("\(out): cannot write the report: \(error.localizedDescription)")
            }
            if global.json {
                Console.printJSON(
                    .object([
                        "out": .string(out), "bytes": .int(Int64(bytes.count)), "sha256": .hash(Hash256.of(bytes)),
                        "run_id": .string(record.context.runId), "hours": .int(Int64(data.hours.count)),
                        "trades": .int(Int64(data.trades.count)),
                        "metrics": .object(
                            Dictionary(uniqueKeysWithValues: data.metrics.map { ($0.id, $0.json) })),
                    ]))
            } else {
                Console.print(
                    "wrote \(out) (\(bytes.count) bytes, \(data.hours.count) hours, \(data.trades.count) trades)")
            }
        }
    }
}
