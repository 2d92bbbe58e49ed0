import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass governance-report`: what governance did over a run, and what the run would have
/// done without it.
struct GovernanceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance-report",
        abstract: "Report a run's verdicts per rule and outcome, blocked and cut notional, and a shadow run without governance.",
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

    @Option(help: "The account the run belongs to.")
    var accountId: String

    @Option(help: "The run's UUID.")
    var runId: String

    @Flag(help: "Skip the shadow re-run (counts only).")
    var noShadow = false

    func validate() throws {
        if !UUIDText.isValid(runId) { throw ValidationError("Please specify --run-id as a UUID (see `hourglass kill-switch status`).") }
    }

    func run() throws {
        try runReportingErrors {
            let log = EventLog(connection: try global.connect())
            let runner = CycleRunner(log: log)
            let record = try RunResolver(runner: runner).existingRun(accountId: accountId, runMode: nil, runId: runId, covering: nil)
            let verdicts = try Self.verdicts(log: log, run: record)
            let shadow = noShadow ? nil : try Self.shadow(runner: runner, run: record)
            let report = GovernanceReport(verdicts: verdicts, shadow: shadow)
            if global.json {
                Console.printJSON(.object(["run_id": .string(record.context.runId), "account_id": .string(record.context.accountId),
                                           "report": report.json]))
            } else {
                Console.print("governance report of run \(record.context.runId) (account \(record.context.accountId))\n" + report.text)
            }
        }
    }

    /// Every verdict the run recorded, in log order (read from its stream in pages).
    static func verdicts(log: EventLog, run: RunRecord) throws -> [GovernanceVerdict] {
        var verdicts: [GovernanceVerdict] = []
        var after = run.seq - 1
        while true {
            let page = try log.read(afterSeq: after, limit: 5_000, stream: run.stream)
            guard let last = page.last else { break }
            for event in page where event.header.eventType == .verdictRecorded {
                if case .verdictRecorded(let recorded) = try event.decode() { verdicts.append(recorded.verdict) }
            }
            after = last.header.seq
        }
        return verdicts
    }

    /// The run's equity curve as executed, and the same hours re-run with governance off.
    static func shadow(runner: CycleRunner, run: RunRecord) throws -> ShadowComparison {
        let store = runner.store
        guard let last = try store.lastExecutedHour(runId: run.context.runId) else {
            throw CLIError.input("run \(run.context.runId) has no executed hour yet; execute a window first")
        }
        let stored = try store.hours(runId: run.context.runId, from: run.startHourTs, through: last)
        var governed: [FixedDecimal] = [run.config.initialCashQuote]
        for hour in stored {
            let manifest = try JSONValue.parse(Array(hour.manifestText.utf8))
            guard case .object(let members) = manifest, case .string(let text)? = members["equity"],
                  let value = try? FixedDecimal.parse(text) else {
                throw CLIError.input("the manifest of \(hour.hourTs) has no equity")
            }
            governed.append(value)
        }
        var config = run.config
        config.governanceEnabled = false
        let models = try runner.models(for: run)
        var state = HourCycle.start(run: run.context, config: config, models: models, startHour: run.startHourTs).0
        var ungoverned: [FixedDecimal] = [config.initialCashQuote]
        for (index, hour) in stored.enumerated() {
            let inputs = try store.inputsForReplay(runId: run.context.runId, hourTs: hour.hourTs)
            state = HourCycle.step(state: state, inputs: inputs, config: config, models: models, run: run.context).state
            ungoverned.append(state.equityQuote)
            if index % 500 == 499 { Console.progress("shadow run: \(index + 1)/\(stored.count) hours") }
        }
        return ShadowComparison(withGovernance: .measure(equityCurve: governed), withoutGovernance: .measure(equityCurve: ungoverned))
    }
}
