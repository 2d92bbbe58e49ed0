import HourglassCore

/// Derives the cycle's projection rows from its events. The same derivation writes them at
/// execution time and rebuilds them for the audit, so a stored projection can be checked
/// against its events.
public struct ProjectionWriter {
    let connection: PGConnection

    /// The projection tables this writer fills, in write order (parents before children).
    public static let tables = [
        "predictions", "verdicts", "verdict_rules", "orders", "fills", "order_cancellations",
        "ledger_lines", "exits", "kill_switch_events",
    ]

    /// Creates a writer on a connection (inside the caller's transaction).
    init(connection: PGConnection) { self.connection = connection }

    /// Writes the projection rows of one hour's (or one batch's) events. `predictions`, by far the
    /// most rows (one per symbol and hour), goes with one binary COPY built straight from the
    /// events (no text to format on the client or parse on the server); it stores the same values
    /// as the text rows of `rows` would. The other tables go as text COPY of `rows`.
    public func write(
        run: RunRecord, hourTs: UTCTimestamp, headers: [EventHeader], events: [DomainEvent],
        tablePrefix: String = ""
    ) throws {
        try Self.writePredictions(
            connection, runId: run.context.runId, headers: headers, events: events,
            into: tablePrefix + "predictions")
        let rows = Self.rows(
            runId: run.context.runId, accountId: run.context.accountId, headers: headers, events: events,
            predictions: false)
        for table in rows { try table.write(connection, into: tablePrefix.isEmpty ? nil : tablePrefix + table.table) }
    }

    /// The `predictions` rows of `events` with one binary COPY into `table` (the columns and
    /// values of `rows`' predictions).
    static func writePredictions(
        _ connection: PGConnection, runId: String, headers: [EventHeader], events: [DomainEvent], into table: String
    ) throws {
        var copy = PGCopyBinaryWriter(capacity: 1 << 12)
        var count = 0
        var uuid: [UInt8]? = nil
        for (header, event) in zip(headers, events) {
            guard case .predictionMade(let p) = event else { continue }
            if uuid == nil {
                guard let bytes = UUIDText.bytes(runId) else { throw EventLogError.invalidRunId(runId) }
                uuid = bytes
            }
            copy.beginRow(fieldCount: 11)
            copy.append(uuid: uuid!)
            copy.append(timestamp: p.hourTs.secondsSinceEpoch)
            copy.append(text: p.symbol)
            copy.append(text: p.modelId)
            copy.append(text: p.regime.rawValue)
            copy.append(float8: p.score)
            copy.append(float8: p.expectedEdge)
            copy.append(float8: p.confidence)
            copy.append(text: p.action)
            copy.append(text: sizingText(p))
            copy.append(int64: header.seq)
            count += 1
        }
        guard count > 0 else { return }
        let copied = try connection.copyIn(
            """
            COPY \(table) (run_id, hour_ts_utc, symbol, model_id, regime, score, expected_edge, confidence, action, \
            sizing, seq) FROM STDIN (FORMAT binary)
            """,
            data: copy.finish(), context: "write the predictions projection")
        precondition(copied == count, "predictions: COPY wrote \(copied) of \(count) rows")
    }

    /// A prediction's `sizing` column: its sizing steps as canonical JSON (`sizingJSON(p).canonicalText`,
    /// written step by step: each step's two keys are already in canonical order, so no object is built).
    static func sizingText(_ p: PredictionMade) -> String {
        var text = "["
        for (index, step) in p.sizingSteps.enumerated() {
            if index > 0 { text += "," }
            text += "{\"step\":"
            text += JSONValue.string(step.name).canonicalText
            text += ",\"value\":"
            text += step.value.json.canonicalText
            text += "}"
        }
        text += "]"
        return text
    }

    /// The JSON value of a prediction's `sizing` column: an array of `{"step", "value"}` objects.
    static func sizingJSON(_ p: PredictionMade) -> JSONValue {
        JSONValue.array(p.sizingSteps.map { .object(["step": .string($0.name), "value": $0.value.json]) })
    }

    /// The rows every table gets from `events` (headers give each event's seq), in `tables` order;
    /// with `predictions: false` the predictions table is left empty (`write` sends it in binary).
    public static func rows(
        runId: String, accountId: String, headers: [EventHeader], events: [DomainEvent], predictions wanted: Bool = true
    ) -> [ProjectionRows] {
        precondition(headers.count == events.count, "one header per event")
        var predictions = ProjectionRows(
            table: "predictions",
            columns: [
                "run_id", "hour_ts_utc", "symbol", "model_id", "regime", "score", "expected_edge", "confidence",
                "action", "sizing", "seq",
            ])
        var verdicts = ProjectionRows(
            table: "verdicts",
            columns: [
                "run_id", "hour_ts_utc", "symbol", "side", "is_exit", "requested_quantity", "approved_quantity",
                "reference_price", "decision", "order_reason", "seq",
            ])
        var rules = ProjectionRows(
            table: "verdict_rules",
            columns: [
                "run_id", "seq", "position", "rule_id", "measured", "threshold", "outcome", "modified_quantity",
                "reason",
            ])
        var orders = ProjectionRows(
            table: "orders",
            columns: [
                "run_id", "order_id", "symbol", "side", "quantity", "decided_hour", "fills_at_hour", "reference_price",
                "is_exit", "reason", "seq",
            ])
        var fills = ProjectionRows(
            table: "fills",
            columns: [
                "run_id", "order_id", "symbol", "side", "decided_hour", "fill_hour", "quantity", "open_price",
                "fill_price", "notional", "fee", "cash_after", "position_after", "seq",
            ])
        var cancels = ProjectionRows(
            table: "order_cancellations",
            columns: ["run_id", "order_id", "symbol", "hour_ts_utc", "quantity", "reason", "seq"])
        var ledger = ProjectionRows(
            table: "ledger_lines",
            columns: [
                "run_id", "posting_id", "hour_ts_utc", "kind", "order_id", "position", "account", "side", "amount",
                "seq",
            ])
        var exits = ProjectionRows(
            table: "exits", columns: ["run_id", "hour_ts_utc", "symbol", "reason", "close_price", "quantity", "seq"])
        var kills = ProjectionRows(
            table: "kill_switch_events",
            columns: ["run_id", "account_id", "hour_ts_utc", "kind", "reason", "detail", "seq"])
        func bool(_ value: Bool) -> String { value ? "true" : "false" }
        for (header, event) in zip(headers, events) {
            // Formatted only for the events that have rows (with `predictions: false`, 1 in 6 or fewer).
            var seq: String { String(header.seq) }
            switch event {
            case .predictionMade(let p):
                guard wanted else { break }
                let sizing = sizingText(p)
                predictions.append([
                    runId, p.hourTs.iso8601, p.symbol, p.modelId, p.regime.rawValue, "\(p.score)", "\(p.expectedEdge)",
                    "\(p.confidence)", p.action, sizing, seq,
                ])
            case .verdictRecorded(let v):
                let order = v.verdict.order
                verdicts.append([
                    runId, v.hourTs.iso8601, order.symbol, order.side.rawValue, bool(order.isExit),
                    order.quantityBase.description,
                    v.verdict.approvedQuantityBase.description, order.referencePriceQuote.description,
                    v.verdict.decision.rawValue, order.reason, seq,
                ])
                for (position, result) in v.verdict.results.enumerated() {
                    var modified: String? = nil
                    if case .modify(let quantity) = result.outcome { modified = quantity.description }
                    rules.append([
                        runId, seq, String(position), result.ruleId, result.measured.description,
                        result.threshold.description,
                        result.outcome.name, modified, result.reason,
                    ])
                }
            case .orderPlaced(let o):
                orders.append([
                    runId, String(o.orderId), o.symbol, o.side.rawValue, o.quantityBase.description,
                    o.decidedHourTs.iso8601,
                    o.fillsAtHourTs.iso8601, o.referencePriceQuote.description, bool(o.isExit), o.reason, seq,
                ])
            case .orderFilled(let f):
                fills.append([
                    runId, String(f.orderId), f.symbol, f.side.rawValue, f.decidedHourTs.iso8601, f.fillHourTs.iso8601,
                    f.quantityBase.description, f.openPriceQuote.description, f.fillPriceQuote.description,
                    f.notionalQuote.description,
                    f.feeQuote.description, f.cashAfterQuote.description, f.positionAfterBase.description, seq,
                ])
            case .orderCancelled(let c):
                cancels.append([
                    runId, String(c.orderId), c.symbol, c.hourTs.iso8601, c.quantityBase.description, c.reason, seq,
                ])
            case .ledgerPosted(let l):
                for (position, line) in l.posting.lines.enumerated() {
                    ledger.append([
                        runId, String(l.posting.postingId), l.posting.hourTs.iso8601, l.posting.kind,
                        l.posting.orderId.map { String($0) },
                        String(position), line.account, line.side.rawValue, line.amountQuote.description, seq,
                    ])
                }
            case .exitTriggered(let e):
                exits.append([
                    runId, e.hourTs.iso8601, e.symbol, e.reason, e.closePriceQuote.description,
                    e.quantityBase.description, seq,
                ])
            case .killSwitchTripped(let k):
                kills.append([runId, accountId, k.hourTs.iso8601, "TRIPPED", k.reason, k.detail, seq])
            case .killSwitchReleased(let r):
                kills.append([
                    runId.isEmpty ? nil : runId, accountId, header.hourTs?.iso8601, "RELEASED", r.reason,
                    "by \(r.releasedBy)", seq,
                ])
            case .barRecorded, .barCarriedForward, .runStarted, .hourClosed, .modelTrained:
                break
            case .pairRulesRecorded, .tickerRecorded, .exchangeOrderAcknowledged, .exchangeFillRecorded,
                .balancesRecorded,
                .exchangeAlarmRaised:
                break  // exchange inputs: read from the log, not projected
            }
        }
        return [predictions, verdicts, rules, orders, fills, cancels, ledger, exits, kills]
    }
}

extension ProjectionRows {
    /// The `kill_switch_events` row of an operator's release.
    public static func killSwitchRelease(accountId: String, header: EventHeader, release: KillSwitchReleased)
        -> ProjectionRows
    {
        ProjectionWriter.rows(
            runId: "", accountId: accountId, headers: [header], events: [.killSwitchReleased(release)]
        )
        .first { $0.table == "kill_switch_events" }!
    }
}
