import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The database, not the application, keeps the log immutable: triggers refuse every change (the
/// owner and superusers included) and the roles only grant INSERT/SELECT or SELECT.
@Suite("Immutability")
struct ImmutabilityTests {
    /// A statement that tries to change one append-only table.
    struct Change: Sendable, CustomTestStringConvertible {
        let table: String
        let operation: String
        let sql: String
        var testDescription: String { "\(operation) on \(table)" }
    }

    static let changes: [Change] = ["events", "bars", "blobs"].flatMap { table in
        let column = table == "blobs" ? "kind" : (table == "events" ? "event_type" : "symbol")
        return [
            Change(table: table, operation: "update", sql: "UPDATE \(table) SET \(column) = \(column) || 'x'"),
            Change(table: table, operation: "delete", sql: "DELETE FROM \(table)"),
            // CASCADE gets past the foreign keys of later tables (hour_inputs → events), so the
            // trigger is what refuses; a plain TRUNCATE is checked in `plainTruncateRefused`.
            Change(table: table, operation: "truncate", sql: "TRUNCATE \(table) CASCADE"),
        ]
    }

    /// Writes one event, its bar row and one blob, so row-level triggers have a row to fire on.
    private func seed(_ db: TestDatabase) throws {
        let connection = try db.connect()
        _ = try BarIngestor(log: EventLog(connection: connection)).ingest([Samples.bar(hour: 0)])
        try BlobStore(connection: connection).put(kind: "test", bytes: Array("a blob".utf8))
        #expect(try db.count("events") == 1)
        #expect(try db.count("bars") == 1)
        #expect(try db.count("blobs") == 1)
    }

    private func counts(_ db: TestDatabase) throws -> [Int64] {
        [try db.count("events"), try db.count("bars"), try db.count("blobs")]
    }

    @Test("the triggers refuse changes even for the owner / superuser (P0001)", arguments: changes)
    func triggersRefuseSuperuser(_ change: Change) throws {
        try TestDatabase.with { (db) throws in
            try seed(db)
            let before = try counts(db)
            let connection = try db.connect()
            #expect {
                try connection.executeUnsafe(script: change.sql, context: "change \(change.table)")
            } throws: { error in
                guard let error = error as? PGError else { return false }
                return error.has(.raiseException)
                    && error.message.hasPrefix("Cannot \(change.operation) \(change.table)")
            }
            #expect(try counts(db) == before)
            // The same as the schema owner role.
            try connection.executeUnsafe(script: "SET ROLE hourglass_owner", context: "become the owner")
            #expect {
                try connection.executeUnsafe(script: change.sql, context: "change \(change.table) as owner")
            } throws: { error in (error as? PGError)?.has(.raiseException) == true }
            #expect(try counts(db) == before)
        }
    }

    @Test("a plain TRUNCATE is refused too", arguments: ["events", "bars", "blobs"])
    func plainTruncateRefused(_ table: String) throws {
        try TestDatabase.with { (db) throws in
            try seed(db)
            let connection = try db.connect()
            #expect {
                try connection.executeUnsafe(script: "TRUNCATE \(table)", context: "truncate \(table)")
            } throws: { error in
                // The trigger (P0001), or first the foreign keys of tables that reference it (0A000).
                guard let error = error as? PGError else { return false }
                return error.has(.raiseException) || error.sqlState == "0A000"
            }
            #expect(try counts(db) == [1, 1, 1])
        }
    }

    @Test("the writer role may not change rows (42501)", arguments: changes)
    func writerRefused(_ change: Change) throws {
        try TestDatabase.with { (db) throws in
            try seed(db)
            let before = try counts(db)
            let connection = try db.connect()
            try connection.executeUnsafe(script: "SET ROLE hourglass_writer", context: "become the writer")
            #expect {
                try connection.executeUnsafe(script: change.sql, context: "change \(change.table) as writer")
            } throws: { error in (error as? PGError)?.has(.insufficientPrivilege) == true }
            #expect(try counts(db) == before)
        }
    }

    @Test("the writer role can append events, bars and blobs, and read them")
    func writerAppends() throws {
        try TestDatabase.with { (db) throws in
            try seed(db)
            let connection = try db.connect()
            try connection.executeUnsafe(script: "SET ROLE hourglass_writer", context: "become the writer")
            let report = try BarIngestor(log: EventLog(connection: connection)).ingest([
                Samples.bar(hour: 1), Samples.bar(hour: 2),
            ])
            #expect(report.appended == 2)
            let sha = try BlobStore(connection: connection).put(kind: "test", bytes: Array("another blob".utf8))
            #expect(try BlobStore(connection: connection).get(sha) == Array("another blob".utf8))
            #expect(try EventLog(connection: connection).read(afterSeq: 0, limit: 10).map(\.header.seq) == [1, 2, 3])
        }
    }

    @Test("the auditor role can only read", arguments: ["events", "bars", "blobs"])
    func auditorReadsOnly(_ table: String) throws {
        try TestDatabase.with { (db) throws in
            try seed(db)
            let before = try counts(db)
            let connection = try db.connect()
            try connection.executeUnsafe(script: "SET ROLE hourglass_auditor", context: "become the auditor")
            #expect(try db.scalar("SELECT count(*) FROM \(table)", on: connection) == 1)
            let attempts =
                Self.changes.filter { $0.table == table }.map(\.sql) + [
                    "INSERT INTO \(table) SELECT * FROM \(table)",
                    "COPY \(table) FROM STDIN",
                ]
            for sql in attempts {
                #expect(throws: PGError.self, "\(sql) as auditor") {
                    do { try connection.executeUnsafe(script: sql, context: "auditor change") } catch let error
                        as PGError
                    {
                        #expect(error.has(.insufficientPrivilege), "\(sql): \(error)")
                        throw error
                    }
                }
            }
            #expect(try counts(db) == before)
        }
    }

    @Test("the auditor cannot append through the event log")
    func auditorCannotAppend() throws {
        try TestDatabase.with { (db) throws in
            try seed(db)
            let connection = try db.connect()
            try connection.executeUnsafe(script: "SET ROLE hourglass_auditor", context: "become the auditor")
            #expect(throws: PGError.self) {
                try EventLog(connection: connection).append([Samples.event(stream: "market.kraken", hour: 5)])
            }
            #expect(try db.count("events") == 1)
        }
    }
}
