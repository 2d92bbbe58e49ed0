import Foundation
import Synchronization

@testable import HourglassStore

/// A database of its own for one test, on the `HOURGLASS_DSN` server: created (and migrated,
/// unless asked not to), dropped by `drop()` or at the end of `with`. The one per-test database
/// of the storage and CLI tests, so tests running in parallel never see each other's rows.
///
/// Each test target adds `connect()` (a new `PGConnection`; one per thread, never shared) in its
/// Support folder, since the connection type is internal to HourglassStore.
public final class TestDatabase: Sendable {
    /// The database name (`hg_<label>_<pid>_<n>`).
    public let name: String
    /// A DSN reaching this database as the admin (superuser) user.
    public let dsn: String
    private let adminDSN: String

    private static let counter = Mutex<Int>(0)

    private init(name: String, adminDSN: String) {
        self.name = name
        self.adminDSN = adminDSN
        self.dsn = TestEnvironment.dsn(adminDSN, database: name)
    }

    private static func nextName(_ label: String) -> String {
        let number = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return "hg_\(label)_\(getpid())_\(number)"
    }

    /// Creates a fresh database, migrated with the library unless `migrated` is false.
    public static func create(_ label: String = "t", migrated: Bool = true) throws -> TestDatabase {
        let database = TestDatabase(name: nextName(label), adminDSN: try TestEnvironment.adminDSN())
        try TestEnvironment.ensureRoles()
        try database.adminExecute("DROP DATABASE IF EXISTS \(database.name) WITH (FORCE)")
        try database.adminExecute("CREATE DATABASE \(database.name)")
        if migrated {
            do { try database.migrate() } catch {
                database.drop()
                throw error
            }
        }
        return database
    }

    /// Creates a database, runs `body` with it, and drops it whatever happens.
    public static func with<T>(_ label: String = "t", migrated: Bool = true, _ body: (TestDatabase) throws -> T) throws
        -> T
    {
        let database = try create(label, migrated: migrated)
        defer { database.drop() }
        return try body(database)
    }

    /// A copy of this database (`CREATE DATABASE … TEMPLATE`). Nobody may be connected to this one.
    public func clone(_ label: String) throws -> TestDatabase {
        let copy = TestDatabase(name: Self.nextName(label), adminDSN: adminDSN)
        try adminExecute("CREATE DATABASE \(copy.name) TEMPLATE \(name)")
        return copy
    }

    private func newConnection() throws -> PGConnection { try PGConnection(dsn: dsn) }

    /// The event log of this database, on a new connection.
    public func openLog() throws -> EventLog { try EventLog.open(dsn: dsn) }

    /// Applies the embedded migrations (creating the cluster-wide roles first, once per process).
    @discardableResult
    public func migrate() throws -> MigrationReport {
        try TestEnvironment.ensureRoles()
        return try Migrator(log: try openLog()).migrate()
    }

    /// The first column of the only row of `sql`, as an integer.
    public func scalar(_ sql: String) throws -> Int64 {
        let result = try newConnection().execute(sql, context: "test query")
        guard result.rowCount == 1, let value = result.int64(0, 0) else {
            throw TestDatabaseError(description: "\(sql) returned \(result.rowCount) rows or NULL")
        }
        return value
    }

    /// Number of rows in `table`.
    public func count(_ table: String) throws -> Int64 { try scalar("SELECT count(*) FROM \(table)") }

    /// Number of events in the log.
    public func eventCount() throws -> Int64 { try count("events") }

    /// Number of rows in the bars projection.
    public func barCount() throws -> Int64 { try count("bars") }

    /// Drops the database, ending any connection still open to it.
    public func drop() {
        do { try adminExecute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } catch {
            print("TestDatabase: could not drop \(name): \(error)")
        }
    }

    private func adminExecute(_ sql: String) throws {
        try PGConnection(dsn: adminDSN).executeUnsafe(script: sql, context: "admin: \(sql.prefix(40))")
    }
}

/// A test query did not return the one value it should.
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String

    /// Creates an error saying what went wrong.
    public init(description: String) { self.description = description }
}
