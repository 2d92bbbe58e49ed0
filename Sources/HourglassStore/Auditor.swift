import HourglassCore

/// One audit check and what it found.
public struct AuditCheck: Sendable {
    /// Check id (`hash_chain`, `postings_balance`, …).
    public var id: String
    /// How many items were checked.
    public var checked: Int
    /// The first violation, if any.
    public var violation: String?
    /// True when nothing was violated.
    public var passed: Bool { violation == nil }
}

/// Proves a run's capital accounting from the log alone: the hash chain, balanced postings, cash
/// never negative, no short positions, manifest equity and cash equal to what the fills and
/// marks say, fees exactly the fee rate rounded up, approved orders within the recorded limits,
/// projections equal to a rebuild from the events, snapshots equal to their manifests' hashes, and
/// every stored manifest row equal to its hash-chained HourClosed event.
public struct Auditor {
    let log: EventLog
    let store: RunStore

    /// Creates an auditor over `log`.
    public init(log: EventLog) {
        self.log = log
        self.store = RunStore(log: log)
    }

    /// Audits one run. The hash chain is checked over the whole log (it is global).
    public func audit(run: RunRecord, verifyChain: Bool = true) throws -> [AuditCheck] {
        var checks: [AuditCheck] = []
        if verifyChain {
            let chain = try ChainVerifier(log: log).verify()
            checks.append(
                AuditCheck(id: "hash_chain", checked: chain.checked, violation: chain.firstBreak?.description))
        }
        // An event (of the run, or an input it consumed) that no longer decodes is a violation to
        // name, not an error that ends the audit.
        do {
            let events = try readRunEvents(run)
            let hours = try store.hours(
                runId: run.context.runId, from: run.startHourTs,
                through: UTCTimestamp(secondsSinceEpoch: Int64(1) << 40))
            checks.append(checkPostings(events))
            checks.append(contentsOf: try checkAccounts(run: run, events: events, hours: hours))
            checks.append(checkFees(run: run, events: events, exchangeFills: try readExchangeFills(run)))
            checks.append(checkVerdicts(events))
            checks.append(try checkProjections(run: run, events: events))
            checks.append(try checkSnapshots(run: run, hours: hours))
            checks.append(checkManifests(events: events, hours: hours))
        } catch let error as EventLogError {
            checks.append(AuditCheck(id: "events_decode", checked: 0, violation: error.description))
        }
        return checks
    }

    func readRunEvents(_ run: RunRecord) throws -> [(EventHeader, DomainEvent)] {
        var out: [(EventHeader, DomainEvent)] = []
        var cursor: Int64 = 0
        while true {
            let batch = try log.read(afterSeq: cursor, limit: EventLog.readBatchRowsMax, stream: run.stream)
            guard let last = batch.last else { break }
            for event in batch {
                do { out.append((event.header, try event.decode())) } catch {
                    throw EventLogError.corruptPayload(seq: event.header.seq, reason: "\(error)")
                }
            }
            cursor = last.header.seq
        }
        return out
    }

    func checkPostings(_ events: [(EventHeader, DomainEvent)]) -> AuditCheck {
        var checked = 0
        for (header, event) in events {
            guard case .ledgerPosted(let posted) = event else { continue }
            checked += 1
            var debits = FixedDecimal.zero
            var credits = FixedDecimal.zero
            for line in posted.posting.lines {
                if !line.amountQuote.isPositive {
                    return AuditCheck(
                        id: "postings_balance", checked: checked,
                        violation:
                            "seq \(header.seq): posting \(posted.posting.postingId) has a non-positive line on \(line.account)"
                    )
                }
                if line.side == .debit { debits += line.amountQuote } else { credits += line.amountQuote }
            }
            if debits != credits {
                return AuditCheck(
                    id: "postings_balance", checked: checked,
                    violation:
                        "seq \(header.seq): posting \(posted.posting.postingId) debits \(debits) ≠ credits \(credits)")
            }
        }
        return AuditCheck(id: "postings_balance", checked: checked, violation: nil)
    }

    /// Replays cash, positions and marks from the events and inputs, hour by hour, and compares
    /// them with every manifest.
    func checkAccounts(run: RunRecord, events: [(EventHeader, DomainEvent)], hours: [StoredHour]) throws -> [AuditCheck]
    {
        var cash = FixedDecimal.zero
        var quantities: [String: FixedDecimal] = [:]
        var marks: [String: FixedDecimal] = [:]
        var cashCheck = AuditCheck(id: "cash_never_negative", checked: 0)
        var longCheck = AuditCheck(id: "no_short_positions", checked: 0)
        var equityCheck = AuditCheck(id: "manifest_equity_and_cash", checked: 0)
        var index = 0
        for stored in hours {
            // RunStarted has no hour (hour_ts_utc NULL): it belongs before the first hour.
            while index < events.count, (events[index].0.hourTs ?? stored.hourTs) <= stored.hourTs {
                let (header, event) = events[index]
                index += 1
                switch event {
                case .ledgerPosted(let posted):
                    for line in posted.posting.lines where line.account == LedgerAccount.cash {
                        cash += line.signedAmountQuote
                    }
                    if cash.isNegative && cashCheck.violation == nil {
                        cashCheck.violation =
                            "seq \(header.seq): cash \(cash) after posting \(posted.posting.postingId)"
                    }
                case .orderFilled(let fill):
                    var quantity = quantities[fill.symbol] ?? .zero
                    quantity += fill.side == .buy ? fill.quantityBase : -fill.quantityBase
                    quantities[fill.symbol] = quantity
                    longCheck.checked += 1
                    if quantity.isNegative && longCheck.violation == nil {
                        longCheck.violation = "seq \(header.seq): \(fill.symbol) position \(quantity)"
                    }
                    if quantity != fill.positionAfterBase && longCheck.violation == nil {
                        longCheck.violation =
                            "seq \(header.seq): \(fill.symbol) fills sum to \(quantity) but the fill says \(fill.positionAfterBase)"
                    }
                default: break
                }
            }
            for bar in try store.inputsForReplay(runId: run.context.runId, hourTs: stored.hourTs).bars
            where bar.violation == nil {
                marks[bar.symbol] = bar.closePrice
            }
            cashCheck.checked += 1
            equityCheck.checked += 1
            let manifest = try JSONValue.parse(stored.manifestText)
            var equity = cash
            var open = 0
            for symbol in quantities.keys.sorted() where quantities[symbol]!.isPositive {
                open += 1
                equity += quantities[symbol]!.multiplied(by: marks[symbol] ?? .zero, rounding: .halfEven)
            }
            if equityCheck.violation == nil {
                let manifestCash = manifest["cash"].flatMap {
                    if case .string(let s) = $0 { return try? FixedDecimal.parse(s) } else { return nil }
                }
                let manifestEquity = manifest["equity"].flatMap {
                    if case .string(let s) = $0 { return try? FixedDecimal.parse(s) } else { return nil }
                }
                if manifestCash != cash {
                    equityCheck.violation =
                        "\(stored.hourTs): manifest cash \(manifestCash.map { $0.description } ?? "?") but the ledger's cash is \(cash)"
                } else if manifestEquity != equity {
                    equityCheck.violation =
                        "\(stored.hourTs): manifest equity \(manifestEquity.map { $0.description } ?? "?") but cash + positions at marks is \(equity)"
                } else if manifest["open_positions"] != .int(Int64(open)) {
                    equityCheck.violation =
                        "\(stored.hourTs): manifest open_positions \(manifest["open_positions"]?.canonicalText ?? "?") but fills leave \(open)"
                }
            }
        }
        return [cashCheck, longCheck, equityCheck]
    }

    /// The LIVE exchange fills recorded for the run, by (fill hour, order id).
    func readExchangeFills(_ run: RunRecord) throws -> [ExchangeFillKey: [ExchangeFillRecorded]] {
        var out: [ExchangeFillKey: [ExchangeFillRecorded]] = [:]
        var cursor: Int64 = 0
        let stream = ExchangeInputStream.name(runId: run.context.runId)
        while true {
            let batch = try log.read(afterSeq: cursor, limit: EventLog.readBatchRowsMax, stream: stream)
            guard let last = batch.last else { break }
            for event in batch {
                if case .exchangeFillRecorded(let fill) = try event.decode() {
                    out[ExchangeFillKey(hourTs: fill.hourTs, orderId: fill.orderId), default: []].append(fill)
                }
            }
            cursor = last.header.seq
        }
        return out
    }

    /// Paper fills pay notional × fee rate rounded up; a LIVE fill settled from the exchange pays
    /// exactly the fees, and has exactly the cost, of its recorded exchange fills.
    func checkFees(
        run: RunRecord, events: [(EventHeader, DomainEvent)],
        exchangeFills: [ExchangeFillKey: [ExchangeFillRecorded]] = [:]
    ) -> AuditCheck {
        var check = AuditCheck(id: "fees_exact", checked: 0)
        for (header, event) in events {
            guard case .orderFilled(let fill) = event else { continue }
            check.checked += 1
            if let recorded = exchangeFills[ExchangeFillKey(hourTs: fill.fillHourTs, orderId: fill.orderId)] {
                let fee = recorded.reduce(FixedDecimal.zero) { $0 + $1.feeQuote }
                let cost = recorded.reduce(FixedDecimal.zero) { $0 + $1.costQuote }
                if fill.feeQuote != fee || fill.notionalQuote != cost {
                    check.violation =
                        "seq \(header.seq): order \(fill.orderId) fee \(fill.feeQuote) and notional \(fill.notionalQuote) "
                        + "≠ the exchange's \(fee) and \(cost)"
                    return check
                }
                continue
            }
            let expected = fill.notionalQuote.multiplied(by: run.config.feeRate, rounding: .up).rounded(
                decimals: run.config.quoteDecimals, .up)
            if fill.feeQuote != expected {
                check.violation =
                    "seq \(header.seq): order \(fill.orderId) fee \(fill.feeQuote) ≠ notional \(fill.notionalQuote) × \(run.config.feeRate) rounded up = \(expected)"
                return check
            }
        }
        return check
    }

    /// Every verdict combines its rule results as specified, and every order placed was approved.
    func checkVerdicts(_ events: [(EventHeader, DomainEvent)]) -> AuditCheck {
        var check = AuditCheck(id: "verdicts_and_limits", checked: 0)
        var approved: [String: FixedDecimal] = [:]
        for (header, event) in events {
            switch event {
            case .verdictRecorded(let recorded):
                check.checked += 1
                let verdict = recorded.verdict
                let recombined = GovernanceVerdict.combine(order: verdict.order, results: verdict.results)
                if recombined.decision != verdict.decision
                    || recombined.approvedQuantityBase != verdict.approvedQuantityBase
                {
                    check.violation =
                        "seq \(header.seq): verdict \(verdict.decision.rawValue) \(verdict.approvedQuantityBase) but its rules combine to \(recombined.decision.rawValue) \(recombined.approvedQuantityBase)"
                    return check
                }
                if verdict.decision != .block {
                    approved[
                        "\(recorded.hourTs.secondsSinceEpoch)|\(verdict.order.symbol)|\(verdict.order.side.rawValue)",
                        default: .zero] += verdict.approvedQuantityBase
                }
            case .orderPlaced(let order):
                let key = "\(order.decidedHourTs.secondsSinceEpoch)|\(order.symbol)|\(order.side.rawValue)"
                guard let allowed = approved[key], order.quantityBase <= allowed else {
                    check.violation =
                        "seq \(header.seq): order \(order.orderId) \(order.side.rawValue) \(order.quantityBase) \(order.symbol) has no approving verdict"
                    return check
                }
                approved[key] = allowed - order.quantityBase
            default: break
            }
        }
        return check
    }

    /// Rebuilds the projections from the events into temporary tables and compares them with the stored ones.
    func checkProjections(run: RunRecord, events: [(EventHeader, DomainEvent)]) throws -> AuditCheck {
        let connection = log.connection
        var check = AuditCheck(id: "projections_match_events", checked: 0)
        try connection.executeUnsafe(script: "BEGIN", context: "audit projections")
        defer { connection.rollbackQuietly() }
        for table in ProjectionWriter.tables {
            try connection.executeUnsafe(
                script: "CREATE TEMP TABLE audit_\(table) (LIKE \(table)) ON COMMIT DROP", context: "audit projections")
        }
        let rows = ProjectionWriter.rows(
            runId: run.context.runId, accountId: run.context.accountId,
            headers: events.map(\.0), events: events.map(\.1))
        for table in rows { try table.write(connection, into: "audit_" + table.table) }
        for table in ProjectionWriter.tables {
            let filter = table == "kill_switch_events" ? "run_id = $1::uuid" : "run_id = $1::uuid"
            let result = try connection.execute(
                """
                SELECT (SELECT count(*) FROM (SELECT * FROM \(table) WHERE \(filter) EXCEPT ALL SELECT * FROM audit_\(table)) a),
                       (SELECT count(*) FROM (SELECT * FROM audit_\(table) EXCEPT ALL SELECT * FROM \(table) WHERE \(filter)) b),
                       (SELECT count(*) FROM audit_\(table))
                """, [.text(run.context.runId)], context: "compare the \(table) projection")
            let extra = result.int64(0, 0)!
            let missing = result.int64(0, 1)!
            check.checked += Int(result.int64(0, 2)!)
            if extra > 0 || missing > 0 {
                // Name the first row that differs, by the seq of its event.
                let first = try connection.execute(
                    """
                    SELECT min(seq) FROM ((SELECT * FROM \(table) WHERE \(filter) EXCEPT ALL SELECT * FROM audit_\(table))
                                          UNION ALL (SELECT * FROM audit_\(table) EXCEPT ALL SELECT * FROM \(table) WHERE \(filter))) d
                    """, [.text(run.context.runId)], context: "find the first differing \(table) row")
                let at = first.int64(0, 0).map { " (first at seq \($0))" } ?? ""
                check.violation =
                    "\(table): \(extra) stored row(s) not derived from the events, \(missing) derived row(s) missing\(at)"
                return check
            }
        }
        return check
    }

    /// Every stored hour row says what its hash-chained HourClosed event says: the manifest text
    /// byte for byte, both state hashes and the event range ending at that HourClosed.
    func checkManifests(events: [(EventHeader, DomainEvent)], hours: [StoredHour]) -> AuditCheck {
        var check = AuditCheck(id: "manifests_match_events", checked: 0)
        var closed: [Int64: (Int64, HourManifest)] = [:]
        for (header, event) in events {
            if case .hourClosed(let hour) = event {
                closed[hour.manifest.hourTs.secondsSinceEpoch] = (header.seq, hour.manifest)
            }
        }
        for stored in hours {
            check.checked += 1
            guard let (seq, manifest) = closed[stored.hourTs.secondsSinceEpoch] else {
                check.violation = "\(stored.hourTs): a stored manifest but no HourClosed event"
                return check
            }
            let differs = [
                ("manifest", stored.manifestText != manifest.canonicalText),
                ("state_sha256", stored.stateSha256 != manifest.stateSha256.hex),
                ("prev_state_sha256", stored.prevStateSha256 != manifest.prevStateSha256.hex),
                ("last_seq", stored.lastSeq != seq),
            ].filter(\.1).map(\.0)
            if !differs.isEmpty {
                check.violation =
                    "\(stored.hourTs): hour_manifests \(differs.joined(separator: ", ")) differ from HourClosed at seq \(seq)"
                return check
            }
        }
        if closed.count != hours.count {
            check.violation = "\(closed.count) HourClosed events but \(hours.count) stored manifests"
        }
        return check
    }

    func checkSnapshots(run: RunRecord, hours: [StoredHour]) throws -> AuditCheck {
        var check = AuditCheck(id: "snapshots_match_manifests", checked: 0)
        for stored in hours where stored.snapshotSha256 != nil {
            check.checked += 1
            do { _ = try store.state(runId: run.context.runId, after: stored) } catch {
                check.violation = "\(error)"
                return check
            }
        }
        var previous: String? = nil
        for stored in hours {
            if let previous, stored.prevStateSha256 != previous {
                check.violation = "\(stored.hourTs): prev_state_sha256 does not equal the previous hour's state_sha256"
                return check
            }
            previous = stored.stateSha256
        }
        return check
    }
}

/// An order's fill hour and id: the key of its recorded exchange fills.
struct ExchangeFillKey: Hashable {
    let hourTs: UTCTimestamp
    let orderId: UInt64
}
