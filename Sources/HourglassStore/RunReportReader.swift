import HourglassCore
import HourglassReport

/// Reads everything the HTML report of one run shows, from the run's projections, in one call.
///
/// Metrics come from `RunStore.performance(of:)` (the one `PerformanceMetrics` every report uses);
/// the equity curve from `RunStore.equityCurve`; the trade list from `TradeList` (the list `run-report
/// --json` prints); the rest from `hour_manifests`, `bars` and `verdicts`/`verdict_rules`. Nothing is
/// recomputed from events here.
public struct RunReportReader {
    /// The log whose projections are read.
    public let log: EventLog
    var connection: PGConnection { log.connection }

    /// Wraps a log.
    public init(log: EventLog) { self.log = log }

    /// The report data of `run`.
    public func read(run: RunRecord) throws -> RunReportData {
        let store = RunStore(log: log)
        let id = run.context.runId
        let curve = try store.equityCurve(runId: id)
        let states = try hourStates(runId: id)
        guard states.count == curve.count else {
            throw RunStoreError.inputCorrupt(seq: run.seq, reason: "hour_manifests changed while the report was read")
        }
        let exposure = zip(curve, states).map { point, state in
            point.equityQuote.isPositive
                ? (point.equityQuote - state.cashQuote).doubleValue / point.equityQuote.doubleValue : 0
        }
        let benchmark = try buyAndHold(run: run, hours: curve.map(\.hourTs), exposure: exposure)
        let hours = curve.indices.map { index in
            ReportHour(
                hourTs: curve[index].hourTs, equityQuote: curve[index].equityQuote,
                benchmarkEquity: benchmark[index], exposureFraction: exposure[index],
                openPositions: curve[index].openPositions)
        }
        let killSwitch = ReportPeriod.spans(
            kind: .killSwitch,
            flagged: states.compactMap { state in
                state.killSwitchReason.map { (hourTs: state.hourTs, reason: $0) }
            })
        let periods = (killSwitch + (try breakerPeriods(runId: id))).sorted {
            ($0.startHourTs, $0.kind.rawValue) < ($1.startHourTs, $1.kind.rawValue)
        }
        let performance = try store.performance(of: run)
        let closed = try store.closedTrades(runId: id)
        var generator = SeededGenerator(
            runSeed: run.config.runSeed, hourTs: run.startHourTs, purpose: Self.monteCarloPurpose(id))
        let monteCarlo = MonteCarloDrawdowns.resample(
            tradePnlsQuote: closed.map(\.realizedPnlQuote.doubleValue),
            initialEquityQuote: run.config.initialCashQuote.doubleValue,
            seedDescription: "SeededGenerator(run seed \(run.config.runSeed), \(run.startHourTs.iso8601), "
                + "\"\(Self.monteCarloPurpose(id))\")", generator: &generator)
        let identity = ReportRunIdentity(
            runId: id, accountId: run.context.accountId, runMode: run.context.runMode,
            engineVersion: run.started.engineVersion,
            configSha256: run.started.configSha256.hex, modelSetSha256: run.started.modelSetSha256.hex,
            universe: run.config.universe, quoteCurrency: run.config.quoteCurrency,
            initialEquityQuote: run.config.initialCashQuote)
        return RunReportData(
            identity: identity, hours: hours, ruleDays: try ruleDays(runId: id), periods: periods,
            retrainings: try ModelArtifactStore().retrainings(log: log, runId: id).flatMap { retraining in
                retraining.events.map {
                    ReportRetraining(
                        hourTs: retraining.hour, modelId: $0.0.kind, artifactSha256: $0.0.artifactSha256.hex)
                }
            }, metrics: ReportMetric.rows(performance),
            trades: try TradeList.load(connection: connection, runId: id), monteCarlo: monteCarlo)
    }

    /// The purpose string that seeds the Monte Carlo resampling of one run.
    public static func monteCarloPurpose(_ runId: String) -> String { "report.monte_carlo_drawdown.\(runId)" }

    /// Cash and kill-switch state at the close of every executed hour, oldest first.
    private func hourStates(runId: String) throws -> [(
        hourTs: UTCTimestamp, cashQuote: FixedDecimal, killSwitchReason: String?
    )] {
        let result = try connection.execute(
            """
            SELECT extract(epoch from hour_ts_utc)::bigint, cash::text,
                   (manifest::jsonb #>> '{kill_switch,tripped}')::boolean, manifest::jsonb #>> '{kill_switch,reason}'
            FROM hour_manifests WHERE run_id = $1::uuid ORDER BY hour_ts_utc
            """, [.text(runId)], context: "read cash and the kill switch per hour")
        return try (0..<result.rowCount).map { row in
            let tripped = result.string(row, 2) == "t"
            return (
                UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!), try FixedDecimal.parse(result.string(row, 1)!),
                tripped ? (result.string(row, 3) ?? "tripped") : nil
            )
        }
    }

    /// Equity of holding the universe equally weighted at the run's mean exposure, rebalanced hourly.
    ///
    /// Hourly return = mean exposure × mean over symbols of close ÷ previous close − 1 (the first
    /// hour against its own open); a symbol without a bar in an hour contributes nothing that hour.
    private func buyAndHold(run: RunRecord, hours: [UTCTimestamp], exposure: [Double]) throws -> [Double] {
        guard let first = hours.first, let last = hours.last else { return [] }
        let symbols = "{" + run.config.universe.map { "\"\($0)\"" }.joined(separator: ",") + "}"
        let result = try connection.execute(
            """
            SELECT symbol, extract(epoch from ts_utc)::bigint, open::float8, close::float8 FROM bars
            WHERE exchange = $1 AND symbol = ANY($2::text[]) AND interval_seconds = 3600
              AND ts_utc BETWEEN to_timestamp($3) AND to_timestamp($4)
            ORDER BY ts_utc, symbol
            """,
            [
                .text(run.config.exchange), .text(symbols), .int64(first.secondsSinceEpoch),
                .int64(last.secondsSinceEpoch),
            ],
            context: "read the universe's bars")
        var returnsByHour: [Int64: (sum: Double, count: Int)] = [:]
        var previousClose: [String: Double] = [:]
        for row in 0..<result.rowCount {
            let symbol = result.string(row, 0)!
            let hour = result.int64(row, 1)!
            let open = Double(result.string(row, 2)!)!
            let close = Double(result.string(row, 3)!)!
            let base = previousClose[symbol] ?? open
            previousClose[symbol] = close
            guard base > 0 else { continue }
            let entry = returnsByHour[hour] ?? (0, 0)
            returnsByHour[hour] = (entry.sum + close / base - 1, entry.count + 1)
        }
        let meanExposure = exposure.isEmpty ? 0 : exposure.reduce(0, +) / Double(exposure.count)
        var equity = run.config.initialCashQuote.doubleValue
        return hours.map { hour in
            if let entry = returnsByHour[hour.secondsSinceEpoch], entry.count > 0 {
                equity *= 1 + meanExposure * entry.sum / Double(entry.count)
            }
            return equity
        }
    }

    /// Rule outcomes counted per UTC day and rule.
    private func ruleDays(runId: String) throws -> [ReportRuleDay] {
        let result = try connection.execute(
            """
            SELECT (extract(epoch from v.hour_ts_utc)::bigint / 86400) * 86400 AS day, r.rule_id,
                   count(*) FILTER (WHERE r.outcome = 'PASS'), count(*) FILTER (WHERE r.outcome = 'MODIFY'),
                   count(*) FILTER (WHERE r.outcome = 'BLOCK')
            FROM verdict_rules r JOIN verdicts v ON v.seq = r.seq
            WHERE r.run_id = $1::uuid GROUP BY 1, 2 ORDER BY 1, 2
            """, [.text(runId)], context: "count rule outcomes per day")
        return (0..<result.rowCount).map { row in
            ReportRuleDay(
                dayTs: UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!), ruleId: result.string(row, 1)!,
                passCount: Int(result.int64(row, 2)!), modifyCount: Int(result.int64(row, 3)!),
                blockCount: Int(result.int64(row, 4)!))
        }
    }

    /// Hours in which the circuit breaker, judging an order, throttled or halted entries (ALERT
    /// changes no size, so it is not shaded). The level is recorded only when an order is judged.
    private func breakerPeriods(runId: String) throws -> [ReportPeriod] {
        let result = try connection.execute(
            """
            SELECT DISTINCT extract(epoch from v.hour_ts_utc)::bigint, r.measured
            FROM verdict_rules r JOIN verdicts v ON v.seq = r.seq
            WHERE r.run_id = $1::uuid AND r.rule_id = 'circuit_breaker' AND r.measured IN ($2, $3)
            ORDER BY 1, 2
            """, [.text(runId), .text(BreakerLevel.throttle.rawValue), .text(BreakerLevel.halt.rawValue)],
            context: "read the breaker's hours")
        return ReportPeriod.spans(
            kind: .breaker,
            flagged: (0..<result.rowCount).map { row in
                (hourTs: UTCTimestamp(secondsSinceEpoch: result.int64(row, 0)!), reason: result.string(row, 1)!)
            })
    }
}
