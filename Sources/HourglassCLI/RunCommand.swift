import ArgumentParser
import HourglassCore
import HourglassRuntime

/// `hourglass run`: the hourly runner against Kraken (PAPER or LIVE).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Run an account hour by hour against Kraken: ingest closed bars, execute each hour, and in LIVE send its orders.",
        discussion: """
            Kraken's clock (Time) decides which hours have closed; the local clock only wakes the loop. \
            On start every missed hour is caught up in order (Kraken keeps 720 hourly bars). In LIVE an \
            hour executed late is recorded but sends no order. One runner per account (advisory lock). \
            HOURGLASS_KRAKEN_URL points at another server. SIGTERM finishes the current hour and exits 0. \
            Exit codes: 0 done or stopped; 1 the exchange failed beyond its retries; 2 input error (LIVE \
            without credentials); 3 another runner holds the account.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var runner: RunnerOptions

    @Flag(help: "Catch up every closed hour not yet done, then exit.")
    var once = false

    @Option(help: "Where a new run starts (ISO-8601 UTC on the hour); default the latest closed hour.")
    var startHourTsUtc: HourArgument?

    @Option(help: "Seconds after each hour boundary the loop wakes up.")
    var wakeDelaySeconds: Int64 = 30

    func validate() throws {
        if runOptions.runMode == .backtest { throw ValidationError("run takes --run-mode PAPER or LIVE.") }
        if wakeDelaySeconds < 0 || wakeDelaySeconds >= 3600 {
            throw ValidationError("--wake-delay-seconds must be 0…3599.")
        }
    }

    func run() throws {
        try runReportingRunnerErrors {
            let service = try runner.service(
                global: global, options: runOptions, startHourTs: startHourTsUtc?.timestamp)
            StopFlag.installSignalHandlers()
            if once {
                render(try service.once(), json: global.json)
            } else {
                try service.loop(wakeDelaySeconds: wakeDelaySeconds)
            }
        }
    }
}
