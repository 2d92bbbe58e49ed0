import Foundation
import HourglassCore
import HourglassExchange
import HourglassStore
import Logging

/// Runs a PAPER or LIVE account hour by hour against the exchange (DESIGN §12).
///
/// One pass (`catchUp`): read the exchange's clock, which alone decides which hours have closed;
/// ingest the closed bars of the run's universe since the last stored one; then, for every hour
/// not yet done, in order, record its exchange inputs (pair rules and the ticker for the latest
/// hour; in LIVE the acknowledgements, fills and balances of the previous hour's orders), execute it in
/// one transaction, and in LIVE send its approved orders only when it is the latest closed hour
/// and still within the deadline. An account is held by one runner at a time (`AccountLock`).
///
/// Not thread-safe: one task drives it at a time (the command line's); hence `@unchecked Sendable`.
public final class HourlyRunner: @unchecked Sendable {
    let log: EventLog
    let cycles: CycleRunner
    let client: KrakenClient
    let settings: RunnerSettings
    let logger: Logger
    let stop: StopFlag
    var lockHeld = false
    /// LIVE: the balances read for the hour being executed, for its reconciliation.
    var lastBalances: KrakenBalances?

    /// Creates a runner on `log` (its connection holds the account lock) talking to `client`.
    public init(
        log: EventLog, client: KrakenClient, settings: RunnerSettings, logger: Logger, stop: StopFlag = .process
    ) {
        self.log = log
        self.cycles = CycleRunner(log: log)
        self.client = client
        self.settings = settings
        self.logger = logger
        self.stop = stop
    }

    /// Takes the account's lock; throws `RunnerError.accountLocked` when another runner has it.
    public func lock() throws {
        guard !lockHeld else { return }
        guard try AccountLock(log: log, accountId: settings.accountId).tryAcquire() else {
            throw RunnerError.accountLocked(accountId: settings.accountId)
        }
        lockHeld = true
    }

    /// Executes every closed hour not yet done, in order; returns what each did. Stops early (after
    /// finishing an hour) when `stop` is set.
    public func catchUp() async throws -> [HourReport] {
        try lock()
        let time = try await exchange("read the exchange clock", hour: nil) { try await $0.serverTime() }
        let lastClosed = time.lastClosedHour
        if try !runExists() {
            // A new run warms its feature windows up from the bars before its start hour that the
            // log holds when it starts (RunStarted records them), so fetch the exchange's history first.
            let config = settings.config ?? .default
            let directory = try await pairDirectory(config: config, run: nil, hour: lastClosed)
            try await ingestBars(config: config, run: nil, directory: directory, time: time, hour: lastClosed)
        }
        let run = try resolveRun(lastClosed: lastClosed)
        let runId = run.context.runId
        var next = try cycles.store.lastExecutedHour(runId: runId).map { $0.adding(hours: 1) } ?? run.startHourTs
        guard next <= lastClosed else {
            logger.info(
                "nothing to do", metadata: ["run.id": "\(runId)", "hour.ts": "\(lastClosed)", "outcome": "up_to_date"])
            try await resendIfDue(run: run, lastClosed: lastClosed)
            return []
        }
        let directory = try await pairDirectory(config: run.config, run: run, hour: next)
        try await ingestBars(config: run.config, run: run, directory: directory, time: time, hour: next)
        var reports: [HourReport] = []
        var carried: (EngineState, Hash256)? = nil
        while next <= lastClosed, !stop.isSet {
            let latest = next == lastClosed
            let (report, state, stateSha256) = try await executeHour(
                run: run, hourTs: next, latest: latest, directory: directory,
                carried: carried)
            reports.append(report)
            carried = state.map { ($0, stateSha256!) }
            next = next.adding(hours: 1)
        }
        return reports
    }

    /// LIVE: a restart after the latest hour committed may have lost its send. Within the
    /// deadline the orders go out again through `placeOrder`, which finds any already placed by
    /// its client reference first and sends nothing for them.
    func resendIfDue(run: RunRecord, lastClosed: UTCTimestamp) async throws {
        guard run.context.runMode == .live, try cycles.store.hour(runId: run.context.runId, hourTs: lastClosed) != nil,
            try await isOnTime(hourTs: lastClosed, latest: true, run: run)
        else { return }
        let state = try cycles.stateBefore(run: run, hourTs: lastClosed.adding(hours: 1))
        let approved = state.pendingOrders.filter { $0.decidedHourTs == lastClosed }
        guard !approved.isEmpty else { return }
        let alarms = try ExchangeInputRecorder(log: log).recorded(run: run, hourTs: lastClosed.adding(hours: 1))
        guard !alarms.contains(where: { $0.eventType == .exchangeAlarmRaised }) else { return }
        let directory = try await pairDirectory(config: run.config, run: run, hour: lastClosed.adding(hours: 1))
        _ = try await send(approved, run: run, hourTs: lastClosed, directory: directory)
    }

    /// The run to execute in: the given id, else the account's latest run of this mode, else a new
    /// run at `settings.startHourTs` (default: the latest closed hour).
    func resolveRun(lastClosed: UTCTimestamp) throws -> RunRecord {
        let start = settings.startHourTs ?? lastClosed
        if settings.runId == nil, settings.startHourTs == nil, let latest = try latestRun() {
            try CycleRunner.check(latest, matches: latest.context, config: settings.config)
            return latest
        }
        return try cycles.runForExecution(
            accountId: settings.accountId, runMode: settings.runMode, runId: settings.runId,
            config: settings.config, firstHour: start,
            newRunId: { UUID().uuidString.lowercased() })
    }

    /// True when `resolveRun` would continue a stored run rather than start one.
    func runExists() throws -> Bool {
        if let runId = settings.runId { return try cycles.store.run(runId) != nil }
        if settings.startHourTs == nil { return try latestRun() != nil }
        return false
    }

    func latestRun() throws -> RunRecord? {
        let ids: [String]
        do { ids = try cycles.store.runIds(accountId: settings.accountId) } catch is RunResolutionError { return nil }
        for id in ids.reversed() {
            if let record = try cycles.store.run(id), record.context.runMode == settings.runMode { return record }
        }
        return nil
    }

    /// The exchange's pairs of `config`'s universe (`run`, when there is one, takes any instability trip).
    func pairDirectory(config: EngineConfig, run: RunRecord?, hour: UTCTimestamp) async throws -> KrakenPairDirectory {
        let all = try await exchange("read AssetPairs", hour: hour, run: run) { try await $0.assetPairs() }
        let directory = KrakenPairDirectory(pairs: all)
        for symbol in config.universe where directory.pair(symbol: symbol) == nil {
            throw RunnerError.unknownPair(symbol)
        }
        return KrakenPairDirectory(pairs: config.universe.compactMap { directory.pair(symbol: $0) })
    }

    /// Ingests each universe pair's closed bars after its last stored one (Kraken keeps 720).
    func ingestBars(
        config: EngineConfig, run: RunRecord?, directory: KrakenPairDirectory, time: KrakenServerTime,
        hour: UTCTimestamp
    ) async throws {
        let bars = BarStore(log: log)
        let ingestor = BarIngestor(log: log)
        for pair in directory.pairs {
            let after = try bars.lastHourlyBarTs(exchange: config.exchange, symbol: pair.symbol)
            let fetched = try await exchange("read OHLC of \(pair.symbol)", hour: hour, run: run) {
                try await $0.closedHourlyBars(pair: pair, after: after, serverTime: time)
            }
            let valid = fetched.filter { $0.violation == nil && $0.exchange == config.exchange }
            for bar in fetched where bar.violation != nil {
                logger.warning(
                    "skipped an invalid bar",
                    metadata: [
                        "symbol": "\(bar.symbol)", "bar.ts": "\(bar.openTs)",
                        "reason": "\(bar.violation!)",
                    ])
            }
            let report = try ingestor.ingest(valid)
            logger.debug("ingested bars", metadata: ["symbol": "\(pair.symbol)", "appended": "\(report.appended)"])
        }
    }

    /// Records hour `hourTs`'s exchange inputs, executes it, and in LIVE sends its orders when due.
    func executeHour(
        run: RunRecord, hourTs: UTCTimestamp, latest: Bool, directory: KrakenPairDirectory,
        carried: (EngineState, Hash256)?
    ) async throws -> (HourReport, EngineState?, Hash256?) {
        let runId = run.context.runId
        if let stored = try cycles.store.hour(runId: runId, hourTs: hourTs) {
            logger.info(
                "hour already done",
                metadata: ["run.id": "\(runId)", "hour.ts": "\(hourTs)", "outcome": "already_done"])
            return (
                HourReport(
                    runId: runId, hourTs: hourTs, outcome: .alreadyDone, eventCount: 0, ordersApproved: 0,
                    ordersSent: 0, equityQuote: nil, killSwitchTripped: Self.killSwitchTripped(stored)),
                nil, nil
            )
        }
        let before = try carried?.0 ?? cycles.stateBefore(run: run, hourTs: hourTs)
        lastBalances = nil
        var inputs = try await exchangeInputs(
            run: run, hourTs: hourTs, latest: latest, directory: directory, before: before)
        try ExchangeInputRecorder(log: log).record(run: run, hourTs: hourTs, events: inputs.events).discard()
        let (outcome, state) = try cycles.executeHour(
            run: run, hourTs: hourTs, carried: carried?.0, carriedSha256: carried?.1,
            forceSnapshot: true)
        guard case .executed(let manifest, _, let eventCount) = outcome, let state else {
            return (
                HourReport(
                    runId: runId, hourTs: hourTs, outcome: .alreadyDone, eventCount: 0, ordersApproved: 0,
                    ordersSent: 0, equityQuote: nil, killSwitchTripped: false), nil, nil
            )
        }
        let approved = state.pendingOrders.filter { $0.decidedHourTs == hourTs }
        var sent = 0
        let onTime = try await isOnTime(hourTs: hourTs, latest: latest, run: run)
        if run.context.runMode == .live, onTime, !approved.isEmpty {
            if let mismatch = try await reconcile(
                run: run, hourTs: hourTs, state: state, directory: directory, inputs: &inputs)
            {
                logger.error(
                    "balances disagree: orders withheld",
                    metadata: [
                        "run.id": "\(runId)", "hour.ts": "\(hourTs)",
                        "outcome": "balance_mismatch", "detail": "\(mismatch)",
                    ])
            } else {
                sent = try await send(approved, run: run, hourTs: hourTs, directory: directory)
            }
        } else if run.context.runMode == .live {
            try await reconcile(run: run, hourTs: hourTs, state: state, directory: directory, inputs: &inputs).discard()
        }
        let outcomeName: HourReport.Outcome = onTime ? .executed : .executedLate
        logger.info(
            "hour executed",
            metadata: [
                "run.id": "\(runId)", "hour.ts": "\(hourTs)", "outcome": "\(outcomeName.rawValue)",
                "events": "\(eventCount)",
                "orders.approved": "\(approved.count)", "orders.sent": "\(sent)", "equity": "\(manifest.equityQuote)",
                "kill_switch": "\(manifest.killSwitchTripped)",
            ])
        return (
            HourReport(
                runId: runId, hourTs: hourTs, outcome: outcomeName, eventCount: eventCount,
                ordersApproved: approved.count,
                ordersSent: sent, equityQuote: manifest.equityQuote, killSwitchTripped: manifest.killSwitchTripped),
            state, manifest.stateSha256
        )
    }

    /// Whether a stored hour's manifest says the kill switch is tripped.
    static func killSwitchTripped(_ stored: StoredHour) -> Bool {
        guard let manifest = try? JSONValue.parse(Array(stored.manifestText.utf8)) else { return false }
        return manifest["kill_switch"]?["tripped"] == .bool(true)
    }

    /// Whether `hourTs` is decided on time: the latest closed hour, and in LIVE within the deadline
    /// after it closed by the exchange's clock.
    func isOnTime(hourTs: UTCTimestamp, latest: Bool, run: RunRecord) async throws -> Bool {
        guard latest else { return false }
        guard run.context.runMode == .live else { return true }
        let now = try await exchange("read the exchange clock", hour: hourTs.adding(hours: 1), run: run) {
            try await $0.serverTime()
        }
        return now.now.secondsSinceEpoch - hourTs.adding(hours: 1).secondsSinceEpoch <= settings.liveDeadlineSeconds
    }

    /// Calls the exchange; on failure, records an `exchange_instability` alarm as an input of `hour`
    /// when the failures reached the adapter's threshold, and throws `RunnerError.exchangeUnavailable`.
    func exchange<T: Sendable>(
        _ what: String, hour: UTCTimestamp?, run: RunRecord? = nil,
        _ body: (KrakenClient) async throws -> T
    ) async throws -> T {
        do { return try await body(client) } catch {
            var recorded = false
            if let instability = await client.health.instability, let target = try run ?? latestRun() {
                let hour =
                    try hour ?? cycles.store.lastExecutedHour(runId: target.context.runId).map { $0.adding(hours: 1) }
                    ?? target.startHourTs
                do {
                    recorded = try ExchangeInputRecorder(log: log).record(
                        run: target, hourTs: hour,
                        events: [
                            .exchangeAlarmRaised(
                                ExchangeAlarmRaised(
                                    hourTs: hour,
                                    trip: instability.killSwitchTrip))
                        ])
                }
            }
            logger.error(
                "exchange failed",
                metadata: [
                    "hour.ts": "\(hour.map { "\($0)" } ?? "-")", "outcome": "exchange_unavailable",
                    "call": "\(what)", "error": "\(error)",
                ])
            throw RunnerError.exchangeUnavailable("\(what): \(error)", alarmRecorded: recorded)
        }
    }
}

extension Bool {
    /// Ignores a result on purpose.
    func discard() {}
}

extension Optional {
    /// Ignores a result on purpose.
    func discard() {}
}
