import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

@Suite("Migrations")
struct MigrationTests {
    /// The applied migrations as (version, name, sha256, applied_at) text rows.
    private func recorded(_ db: TestDatabase) throws -> [[String]] {
        let result = try db.connect().execute(
            "SELECT version::text, name, sha256, applied_at::text FROM schema_migrations ORDER BY version",
            context: "read migrations")
        return (0..<result.rowCount).map { row in (0..<4).map { result.string(row, $0) ?? "NULL" } }
    }

    @Test("a fresh database gets every migration, in order")
    func appliesAll() throws {
        try TestDatabase.with(migrated: false) { (db) throws in
            let report = try db.migrate()
            #expect(report.applied == Migration.embedded.map(\.name))
            #expect(report.alreadyApplied.isEmpty)
            #expect(try recorded(db).map { $0[1] } == Migration.embedded.map(\.name))
            #expect(try db.scalar("SELECT count(*) FROM pg_tables WHERE tablename IN ('events', 'bars', 'blobs')") == 3)
        }
    }

    @Test("a second run applies nothing and leaves schema_migrations unchanged")
    func idempotent() throws {
        try TestDatabase.with { (db) throws in
            let before = try recorded(db)
            let report = try db.migrate()
            #expect(report.applied.isEmpty)
            #expect(report.alreadyApplied == Migration.embedded.map(\.name))
            #expect(try recorded(db) == before)
        }
    }

    @Test("an applied migration that was edited afterwards is refused")
    func editedMigrationRefused() throws {
        try TestDatabase.with { (db) throws in
            let before = try recorded(db)
            var migrations = Migration.embedded
            let edited = migrations[1]
            migrations[1] = Migration(name: edited.name, sql: edited.sql + "\n-- edited after it was applied\n")!
            #expect {
                try Migrator(connection: try db.connect()).migrate(migrations)
            } throws: { error in
                guard case MigrationError.changedAfterApply(let name, _, _) = error else { return false }
                return name == edited.name
            }
            #expect(try recorded(db) == before)
        }
    }

    @Test("a database holding a migration this binary does not know is refused")
    func unknownAppliedRefused() throws {
        try TestDatabase.with { (db) throws in
            let older = Array(Migration.embedded.dropLast())
            #expect {
                try Migrator(connection: try db.connect()).migrate(older)
            } throws: { error in
                guard case MigrationError.unknownApplied(let version, _) = error else { return false }
                return version == Migration.embedded.last!.version
            }
        }
    }

    @Test("a failing migration leaves nothing behind and is not recorded")
    func failingMigrationRollsBack() throws {
        try TestDatabase.with { (db) throws in
            let broken = Migration(
                name: "9999_broken.sql", sql: "CREATE TABLE half_done (x int); SELECT * FROM no_such_table;")!
            #expect(throws: PGError.self) {
                try Migrator(connection: try db.connect()).migrate(Migration.embedded + [broken])
            }
            #expect(try db.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'") == 0)
            #expect(try db.scalar("SELECT count(*) FROM schema_migrations WHERE version = 9999") == 0)
        }
    }

    @Test("the embedded schema equals Schema/*.sql (run Scripts/embed-schema after editing a migration)")
    func embeddedMatchesFiles() throws {
        let folder = TestEnvironment.repositoryRoot.appendingPathComponent("Schema")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") && Migration(name: $0, sql: "") != nil }.sorted()
        #expect(names == Migration.embedded.map(\.name))
        for migration in Migration.embedded {
            let text = try String(contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)
            // The generator wraps each file in a raw string that drops the final newline.
            let expected = text.hasSuffix("\n") ? String(text.dropLast()) : text
            #expect(
                migration.sql == expected, "\(migration.name) differs from its embedded copy; run Scripts/embed-schema")
        }
    }
}
