import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass replay-manifest`: print an hour's stored manifest.
struct ReplayManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-manifest",
        abstract: "Print the stored manifest of one hour as canonical JSON (what CI diffs against golden files)."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var runIdOptions: RunIdOptions
    var runId: String { runIdOptions.runId }

    @OptionGroup var account: AccountOptions
    var accountId: String { account.accountId }

    @Option(help: "The hour, ISO-8601 UTC on the hour.")
    var hourTsUtc: HourArgument

    func run() throws {
        try runReportingErrors {
            let runner = CycleRunner(log: try global.openLog())
            let record = try RunResolver(runner: runner).existingRun(
                accountId: accountId, runMode: nil, runId: runId, covering: nil)
            guard let stored = try runner.store.hour(runId: record.context.runId, hourTs: hourTsUtc.timestamp) else {
                throw CLIError.input("hour \(hourTsUtc.timestamp) of run \(runId) has not been executed")
            }
            Console.print(stored.manifestText)
        }
    }
}
