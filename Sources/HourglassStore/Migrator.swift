import HourglassCore

/// One migration file: its number, name and SQL.
public struct Migration: Sendable, Hashable {
    /// The four-digit prefix of the file name.
    public let version: Int
    /// The file name (`0002_events.sql`).
    public let name: String
    /// The SQL text.
    public let sql: String
    /// SHA-256 of the SQL text, recorded when applied: a changed file is refused later.
    public var sha256: Hash256 { Hash256.of(Array(sql.utf8)) }

    /// Creates a migration from a file name that starts with `NNNN_`.
    public init?(name: String, sql: String) {
        guard name.count > 5, let version = Int(name.prefix(4)), name.dropFirst(4).first == "_", name.hasSuffix(".sql")
        else { return nil }
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The migrations embedded in the binary, in order.
    public static var embedded: [Migration] {
        EmbeddedSchema.migrations.compactMap { Migration(name: $0.name, sql: $0.sql) }.sorted {
            $0.version < $1.version
        }
    }
}

/// What `migrate` did.
public struct MigrationReport: Sendable {
    /// Migrations applied now.
    public var applied: [String]
    /// Migrations that were already applied.
    public var alreadyApplied: [String]
}

/// Why migrating stopped.
public enum MigrationError: Error, CustomStringConvertible {
    case changedAfterApply(name: String, recorded: String, current: String)
    case unknownApplied(version: Int, name: String)

    public var description: String {
        switch self {
        case .changedAfterApply(let name, let recorded, let current):
            return
                "migration \(name) was changed after it was applied (recorded sha256 \(recorded.prefix(12))…, file \(current.prefix(12))…); add a new migration instead of editing an applied one"
        case .unknownApplied(let version, let name):
            return
                "the database has migration \(version) (\(name)) that this binary does not know; use a newer hourglass"
        }
    }
}

/// Applies migrations in order, each in its own transaction, under a session advisory lock so two
/// concurrent `db migrate` runs cannot interleave. Applying twice changes nothing.
public struct Migrator {
    /// The advisory lock key for migrations ('hgmigr' as bytes).
    static let lockKey: Int64 = 0x6867_6D69_6772
    let connection: PGConnection

    /// Creates a migrator on an owner connection.
    init(connection: PGConnection) { self.connection = connection }

    /// Creates a migrator on the log's connection (which must be the schema owner's).
    public init(log: EventLog) { self.connection = log.connection }

    /// Applies every migration not yet recorded.
    public func migrate(_ migrations: [Migration] = Migration.embedded) throws -> MigrationReport {
        try connection.execute(
            "SELECT pg_advisory_lock($1)", [.int64(Self.lockKey)], context: "take the migration lock")
        defer {
            _ = try? connection.execute(
                "SELECT pg_advisory_unlock($1)", [.int64(Self.lockKey)], context: "release the migration lock")
        }
        try connection.executeUnsafe(
            script: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    sha256     text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
                )
                """, context: "create schema_migrations")
        let rows = try connection.execute(
            "SELECT version, name, sha256 FROM schema_migrations ORDER BY version", context: "read schema_migrations")
        var recorded: [Int: (name: String, sha: String)] = [:]
        for row in 0..<rows.rowCount {
            recorded[Int(rows.int64(row, 0)!)] = (rows.string(row, 1)!, rows.string(row, 2)!)
        }
        let known = Set(migrations.map(\.version))
        for version in recorded.keys.sorted() where !known.contains(version) {
            throw MigrationError.unknownApplied(version: version, name: recorded[version]!.name)
        }
        var report = MigrationReport(applied: [], alreadyApplied: [])
        for migration in migrations {
            if let existing = recorded[migration.version] {
                guard existing.sha == migration.sha256.hex else {
                    throw MigrationError.changedAfterApply(
                        name: migration.name, recorded: existing.sha, current: migration.sha256.hex)
                }
                report.alreadyApplied.append(migration.name)
                continue
            }
            try apply(migration)
            report.applied.append(migration.name)
        }
        return report
    }

    /// Attempts at one migration when it collides with another database's migration on a
    /// cluster-wide catalog.
    static let applyAttemptsMax = 3

    /// Applies one migration in its own transaction. Roles are cluster-wide while the migration
    /// lock is per database, so two databases of one cluster migrating at once can both try to
    /// create a missing role: the loser fails with a unique violation on `pg_authid` after the
    /// winner commits. Its transaction rolled back whole, so it is tried again, and then finds
    /// the role (`IF NOT EXISTS`).
    private func apply(_ migration: Migration) throws {
        for attempt in 1...Self.applyAttemptsMax {
            do {
                try connection.transaction(context: "apply \(migration.name)") {
                    try connection.executeUnsafe(script: migration.sql, context: "apply \(migration.name)")
                    try connection.execute(
                        "INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)",
                        [.int64(Int64(migration.version)), .text(migration.name), .text(migration.sha256.hex)],
                        context: "record \(migration.name)")
                }
                return
            } catch let error as PGError
                where attempt < Self.applyAttemptsMax
                && (error.sqlState == SQLState.uniqueViolation.rawValue
                    || error.sqlState == SQLState.duplicateObject.rawValue)
            {
                continue
            }
        }
    }
}
