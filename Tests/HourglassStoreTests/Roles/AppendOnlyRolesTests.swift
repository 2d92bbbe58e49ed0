import Foundation
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// Every append-only table, enumerated from the catalog: the writer role can neither change,
/// empty, alter nor drop it, the auditor role cannot insert into it, and
/// `Validations/0013_append_only_grants.sql` finds no violating grant (and finds one when planted).
@Suite("Append-only roles")
struct AppendOnlyRolesTests {
    /// The tables the schema makes append-only today; the catalog must hold at least these.
    static let knownTables: Set<String> = [
        "events", "bars", "blobs", "runs", "hour_manifests", "hour_inputs", "predictions", "verdicts",
        "verdict_rules", "orders", "fills", "order_cancellations", "ledger_lines", "exits", "kill_switch_events",
    ]

    /// Every table of the public schema but schema_migrations (the validation's definition).
    private func appendOnlyTables(_ connection: PGConnection) throws -> [String] {
        let result = try connection.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
            ORDER BY 1
            """, context: "list the append-only tables")
        return (0..<result.rowCount).map { result.string($0, 0)! }
    }

    /// The first column's name, for an UPDATE that would change nothing if it were allowed.
    private func firstColumn(_ connection: PGConnection, _ table: String) throws -> String {
        let result = try connection.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum = 1",
            [.text(table)], context: "first column of \(table)")
        return result.string(0, 0)!
    }

    /// Runs `sql` as `role` and returns the SQLSTATE it failed with (nil when it succeeded).
    private func failure(_ connection: PGConnection, role: String, _ sql: String) -> String? {
        do {
            _ = try connection.executeUnsafe(script: "BEGIN; SET LOCAL ROLE \(role); \(sql)", context: "try \(sql)")
            connection.rollbackQuietly()
            return nil
        } catch {
            connection.rollbackQuietly()
            return error.sqlState ?? "no SQLSTATE"
        }
    }

    @Test("the catalog lists every known append-only table")
    func catalogCoversKnownTables() throws {
        try TestDatabase.with { (db) throws in
            let tables = Set(try appendOnlyTables(try db.connect()))
            #expect(Self.knownTables.subtracting(tables).isEmpty, "missing: \(Self.knownTables.subtracting(tables))")
        }
    }

    @Test("hourglass_writer cannot UPDATE, DELETE, TRUNCATE, ALTER or DROP any append-only table (42501)")
    func writerCannotChange() throws {
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            let tables = try appendOnlyTables(connection)
            #expect(tables.count >= Self.knownTables.count)
            for table in tables {
                let column = try firstColumn(connection, table)
                let statements = [
                    "UPDATE \(table) SET \(column) = \(column)", "DELETE FROM \(table)", "TRUNCATE \(table)",
                    "ALTER TABLE \(table) ADD COLUMN tampered integer", "ALTER TABLE \(table) DISABLE TRIGGER ALL",
                    "DROP TABLE \(table)",
                ]
                for sql in statements {
                    let state = failure(connection, role: "hourglass_writer", sql)
                    #expect(
                        state == SQLState.insufficientPrivilege.rawValue,
                        "\(sql) as hourglass_writer: \(state ?? "succeeded")")
                }
            }
            #expect(try appendOnlyTables(connection) == tables)
        }
    }

    @Test("hourglass_auditor cannot INSERT into, UPDATE or DELETE from any append-only table (42501)")
    func auditorCannotWrite() throws {
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            for table in try appendOnlyTables(connection) {
                let column = try firstColumn(connection, table)
                for sql in [
                    "INSERT INTO \(table) DEFAULT VALUES", "UPDATE \(table) SET \(column) = \(column)",
                    "DELETE FROM \(table)",
                ] {
                    let state = failure(connection, role: "hourglass_auditor", sql)
                    #expect(
                        state == SQLState.insufficientPrivilege.rawValue,
                        "\(sql) as hourglass_auditor: \(state ?? "succeeded")")
                }
                // It can read.
                #expect(failure(connection, role: "hourglass_auditor", "SELECT count(*) FROM \(table)") == nil)
            }
        }
    }

    /// The rows `Validations/0013_append_only_grants.sql` returns, one string per row.
    private func grantViolations(_ connection: PGConnection) throws -> [String] {
        let url = TestEnvironment.repositoryRoot.appendingPathComponent("Validations/0013_append_only_grants.sql")
        let sql = try String(contentsOf: url, encoding: .utf8)
        let result = try connection.executeUnsafe(script: sql, context: "run 0013_append_only_grants.sql")
        return (0..<result.rowCount).map { row in
            (0..<4).map { result.string(row, $0) ?? "-" }.joined(separator: " | ")
        }
    }

    @Test("Validations/0013 passes on a migrated database and names each planted violation")
    func grantsValidation() throws {
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            #expect(try grantViolations(connection) == [])
            let planted: [(String, String)] = [
                (
                    "GRANT UPDATE ON fills TO hourglass_writer",
                    "fills | hourglass_writer | UPDATE | granted, must not be"
                ),
                (
                    "GRANT INSERT ON exits TO hourglass_auditor",
                    "exits | hourglass_auditor | INSERT | granted, must not be"
                ),
                ("REVOKE INSERT ON orders FROM hourglass_writer", "orders | hourglass_writer | INSERT | missing"),
                ("GRANT SELECT ON verdicts TO PUBLIC", "verdicts | PUBLIC | SELECT | granted to PUBLIC"),
                (
                    "ALTER TABLE blobs DISABLE TRIGGER blobs_reject_delete",
                    "blobs | - | delete | no enabled blobs_reject_delete trigger"
                ),
            ]
            for (change, row) in planted {
                _ = try connection.executeUnsafe(script: "BEGIN; \(change)", context: "plant \(change)")
                let violations = try grantViolations(connection)
                connection.rollbackQuietly()
                #expect(violations == [row], "\(change)")
            }
            #expect(try grantViolations(connection) == [])
        }
    }
}
