import Foundation

@testable import HourglassStore

/// Where the storage and CLI tests find the server, the repository and the sample data: one
/// copy shared by both test targets.
public enum TestEnvironment {
    /// The admin DSN from `HOURGLASS_DSN`; throws a message saying how to get one when unset.
    public static func adminDSN() throws -> String {
        guard let dsn = ProcessInfo.processInfo.environment["HOURGLASS_DSN"], !dsn.isEmpty else {
            throw MissingServer()
        }
        return dsn
    }

    /// `HOURGLASS_DSN` is not set.
    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String {
            "HOURGLASS_DSN is not set: these tests need a real PostgreSQL server. Run Scripts/test, or "
                + "`Scripts/pg start; export HOURGLASS_DSN=$(Scripts/pg dsn)` and then swift test."
        }
    }

    /// `admin` with its database replaced by `database`. A URI (`postgresql:///postgres?host=…`)
    /// gets a new path; a key=value DSN gets a trailing `dbname=` (libpq keeps the last value).
    public static func dsn(_ admin: String, database: String) -> String {
        for scheme in ["postgresql://", "postgres://"] where admin.hasPrefix(scheme) {
            let rest = admin.dropFirst(scheme.count)
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            var tail = rest[authorityEnd...]
            if tail.first == "/" { tail = tail.dropFirst().drop(while: { $0 != "?" }) }
            return scheme + String(rest[..<authorityEnd]) + "/" + database + String(tail)
        }
        return admin + " dbname=\(database)"
    }

    /// Roles are cluster-wide and 0001 creates them only when missing: two databases migrating
    /// at once on a fresh cluster could both try to create them. Create them once per process,
    /// under an advisory lock in the admin database that every test process shares.
    public static func ensureRoles() throws {
        try rolesOnce.run {
            let connection = try PGConnection(dsn: try adminDSN())
            try connection.execute("SELECT pg_advisory_lock($1)", [.int64(rolesLockKey)], context: "lock role creation")
            defer {
                _ = try? connection.execute(
                    "SELECT pg_advisory_unlock($1)", [.int64(rolesLockKey)], context: "unlock role creation")
            }
            let roles = Migration.embedded.first { $0.name.hasSuffix("_roles.sql") }!
            try connection.executeUnsafe(script: roles.sql, context: "create the Hourglass roles")
        }
    }

    static let rolesLockKey: Int64 = 0x6867_726F_6C65  // 'hgrole'
    static let rolesOnce = Once()

    /// The repository root: the first folder above this file holding `Package.swift`.
    public static let repositoryRoot: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        preconditionFailure("no Package.swift above \(#filePath)")
    }()

    /// The sample data: `HOURGLASS_DATA`, else `<repo>/../shared/data`.
    public static var dataDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["HOURGLASS_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
    }

    /// A sample data file that could not be read.
    public struct MissingData: Error, CustomStringConvertible {
        public let path: String
        public init(path: String) { self.path = path }
        public var description: String {
            "sample data not found at \(path); set HOURGLASS_DATA to the shared data folder"
        }
    }
}

/// Runs a throwing body successfully at most once per process; a failure lets the next caller retry.
public final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    /// Creates a gate that has not run.
    public init() {}

    /// Runs `body` unless it has already succeeded.
    public func run(_ body: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        if done { return }
        try body()
        done = true
    }
}
