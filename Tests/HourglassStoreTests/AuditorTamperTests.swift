import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `Auditor` on a copy of the shared cycle window, changed as a superuser with the append-only
/// triggers off: each change fails its check, which points at the hour or the seq. (In the
/// CycleRunnerTests suite, to share its executed window.)
extension CycleRunnerTests {
    /// The audit's checks of `copy` (the chain is left to verify-chain), after `sql` ran with the
    /// triggers off.
    private func auditAfter(_ copy: TestDatabase, _ run: RunRecord, _ sql: String) throws -> [AuditCheck] {
        let connection = try copy.connect()
        let changed = try connection.executeUnsafe(
            script: "SET session_replication_role = replica; \(sql)", context: "tamper")
        #expect(changed.affectedRows == 1, "\(sql) must change one row")
        return try Auditor(log: EventLog(connection: try copy.connect())).audit(run: run, verifyChain: false)
    }

    @Test func auditNamesEachTamperedManifestProjectionAndEvent() throws {
        let window = try CycleWindow.current()
        let run = window.run
        let id = window.run.context.runId
        let last = window.start.adding(hours: window.hourCount - 1)
        let middle = window.start.adding(hours: window.hourCount / 2)
        let clean = try Auditor(log: EventLog(connection: try window.database.connect())).audit(run: run)
        #expect(clean.allSatisfy { $0.passed }, "\(clean.filter { !$0.passed })")
        #expect(clean.contains { $0.id == "manifests_match_events" && $0.checked == Int(window.hourCount) })

        let cases: [(label: String, sql: String, check: String, names: String)] = [
            (
                "the last hour's state hash",
                """
                UPDATE hour_manifests SET state_sha256 = repeat('0', 64)
                WHERE run_id = '\(id)' AND hour_ts_utc = '\(last.iso8601)'
                """, "manifests_match_events", last.iso8601
            ),
            (
                "a manifest's engine version, in its text",
                """
                UPDATE hour_manifests SET manifest = replace(manifest, '"engine_version":"', '"engine_version":"x')
                WHERE run_id = '\(id)' AND hour_ts_utc = '\(middle.iso8601)'
                """, "manifests_match_events", middle.iso8601
            ),
            (
                "the last event of the log (the last HourClosed)",
                "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)",
                "manifests_match_events", last.iso8601
            ),
            (
                "a ledger line's amount",
                """
                UPDATE ledger_lines SET amount = amount + 1
                WHERE ctid = (SELECT ctid FROM ledger_lines WHERE run_id = '\(id)'
                ORDER BY seq DESC LIMIT 1)
                """, "projections_match_events", "first at seq"
            ),
            (
                "an undecodable payload with its hash recomputed",
                """
                UPDATE events SET codec = 0, payload = '\\x00ff'::bytea, payload_sha256 = sha256('\\x00ff'::bytea)
                WHERE seq = (SELECT min(seq) FROM events WHERE run_id = '\(id)' AND event_type = 'HourClosed')
                """, "events_decode", "event "
            ),
            (
                "a bar the run consumed, one payload bit flipped",
                """
                UPDATE events SET payload = set_byte(payload, 0, get_byte(payload, 0) # 1)
                WHERE seq = (SELECT min(seq) FROM hour_inputs WHERE run_id = '\(id)')
                """, "events_decode", "event "
            ),
        ]
        for tamper in cases {
            let copy = try window.database.clone("audit")
            defer { copy.drop() }
            let checks = try auditAfter(copy, run, tamper.sql)
            let check = checks.first { $0.id == tamper.check }
            #expect(
                check?.passed == false,
                "\(tamper.label): \(checks.filter { !$0.passed }.map { "\($0.id): \($0.violation ?? "")" })")
            #expect(check?.violation?.contains(tamper.names) == true, "\(tamper.label): \(check?.violation ?? "-")")
        }
    }
}
