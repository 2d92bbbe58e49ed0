import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass explain-hour`: one executed hour, reconstructed from its events, in cycle order.
struct ExplainHourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain-hour",
        abstract:
            "Explain one executed hour from the log: inputs, models, sizing, rules, orders, fills, ledger, manifest.",
        discussion: """
            Reads the hour's recorded events and recomputes nothing. Step 1 lists the bars, operator releases \
            and, in PAPER and LIVE, what the exchange said: pair rules, tickers, acknowledgements and fills of \
            the previous hour's orders, balances and alarms. --symbol narrows the per-symbol steps to one pair; \
            --json prints every decoded event with its seq.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var account: AccountOptions

    @OptionGroup var runIdOptions: RunIdOptions

    @Option(help: "The hour to explain, ISO-8601 UTC on the hour (e.g. 2022-03-05T14:00:00Z).")
    var hourTsUtc: HourArgument

    @Option(help: "Only this pair's bars, predictions, verdicts, orders, fills and postings (e.g. XBT/USD).")
    var symbol: String?

    func run() throws {
        try runReportingErrors {
            let log = try global.openLog()
            let record = try RunResolver(runner: CycleRunner(log: log))
                .existingRun(accountId: account.accountId, runMode: nil, runId: runIdOptions.runId, covering: nil)
            let explanation: HourExplanation
            do {
                explanation = try HourExplainer(log: log).explain(
                    run: record, hourTs: hourTsUtc.timestamp, symbol: symbol)
            } catch let error as HourExplainerError {
                throw CLIError.input(error.description)
            } catch let error as RunStoreError {
                throw CLIError.input(error.description)
            }
            if global.json { Console.printJSON(explanation.json) } else { Console.print(explanation.text) }
        }
    }
}
