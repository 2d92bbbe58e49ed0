import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `hourglass_make_append_only(regclass)` (Schema/0009): a table made append-only through it
/// refuses UPDATE, DELETE and TRUNCATE with the same message as the hand-written triggers, and
/// only the schema owner may call it.
@Suite("Append-only function")
struct AppendOnlyFunctionTests {
    static let changes: [(operation: String, sql: String)] = [
        ("update", "UPDATE %@ SET note = note || 'x'"),
        ("delete", "DELETE FROM %@"),
        ("truncate", "TRUNCATE %@"),
    ]

    @Test(
        "a new table made append-only refuses every change and keeps its row",
        arguments: ["later_table", "\"Odd Name\""])
    func refusesChanges(table: String) throws {
        try TestDatabase.with("appendonly") { (db) throws in
            let connection = try db.connect()
            try connection.executeUnsafe(
                script: """
                    CREATE TABLE \(table) (id integer PRIMARY KEY, note text NOT NULL);
                    SELECT hourglass_make_append_only('\(table.replacingOccurrences(of: "'", with: "''"))');
                    INSERT INTO \(table) VALUES (1, 'kept');
                    """, context: "make a table append-only")
            let name = table.replacingOccurrences(of: "\"", with: "")
            for change in Self.changes {
                let sql = change.sql.replacingOccurrences(of: "%@", with: table)
                #expect {
                    try connection.executeUnsafe(script: sql, context: "\(change.operation) \(name)")
                } throws: { error in
                    guard let error = error as? PGError else { return false }
                    return error.has(.raiseException)
                        && error.message.hasPrefix("Cannot \(change.operation) \(name): the table is append-only")
                }
                #expect(try db.scalar("SELECT count(*) FROM \(table) WHERE note = 'kept'", on: connection) == 1)
            }
            let triggers = try db.scalar(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = '\(table)'::regclass AND NOT tgisinternal",
                on: connection)
            #expect(triggers == 3)
        }
    }

    @Test("the writer role cannot call it")
    func writerCannotCall() throws {
        try TestDatabase.with("appendonly") { (db) throws in
            let connection = try db.connect()
            try connection.executeUnsafe(script: "CREATE TABLE scratch_table (id integer)", context: "create a table")
            try connection.executeUnsafe(script: "SET ROLE hourglass_writer", context: "become the writer")
            #expect {
                try connection.executeUnsafe(
                    script: "SELECT hourglass_make_append_only('scratch_table')", context: "call as writer")
            } throws: { error in (error as? PGError)?.sqlState == "42501" }
        }
    }
}
