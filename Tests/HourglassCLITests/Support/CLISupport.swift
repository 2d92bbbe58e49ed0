import Foundation
import HourglassCore
@testable import HourglassStore
import HourglassTestSupport
import Testing

/// What one run of the `hourglass` binary did.
struct CLIResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// stdout parsed as one JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let dictionary = object as? [String: Any] else { throw CLIFailure("stdout is not a JSON object: \(stdout)") }
        return dictionary
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the built `hourglass` executable as a subprocess, as a user would.
enum CLI {
    /// The executable: next to the test bundle (SwiftPM puts products and the test bundle in one
    /// folder), else `<repo>/.build/debug/hourglass`.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let bundleFolder = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundleFolder.appendingPathComponent("hourglass"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("hourglass"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hourglass"))
        candidates.append(TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/hourglass"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        throw CLIFailure("the hourglass executable was not found (looked in \(candidates.map(\.path).joined(separator: ", "))); "
                         + "build it with `swift build` before `swift test`, or run Scripts/test")
    }

    /// Runs `hourglass arguments…` with `HOURGLASS_DSN` set to `dsn` (removed when nil) and waits.
    static func run(_ arguments: [String], dsn: String?, environment extra: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOURGLASS_DSN"] = dsn
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        // Files, not pipes: a chatty child can never block on a full pipe.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hg-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary folder removed when the test ends.
struct TemporaryFolder {
    let url: URL

    static func with<T>(_ body: (TemporaryFolder) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hg-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(TemporaryFolder(url: url))
    }

    /// Writes `bytes` to `name` in the folder and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CLIFailure("cannot write \(path)") }
        return path
    }

    func write(_ name: String, lines: [String]) throws -> String {
        try write(name, Array(lines.map { $0 + "\n" }.joined().utf8))
    }
}

/// A throwaway database per test (the same scheme as the store tests): created from the admin
/// DSN in `HOURGLASS_DSN`, dropped at the end.
struct TestDatabase: Sendable {
    let name: String
    let dsn: String

    /// Creates a database, migrates it with the library unless `migrated` is false, runs `body`, drops it.
    static func with<T>(migrated: Bool = true, _ body: (TestDatabase) throws -> T) throws -> T {
        let admin = try TestEnvironment.adminDSN()
        let name = "hg_t_\(getpid())_\(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF)"
        let database = TestDatabase(name: name, dsn: TestEnvironment.dsn(admin, database: name))
        let adminConnection = try PGConnection(dsn: admin)
        try adminConnection.executeUnsafe(script: "CREATE DATABASE \(name)", context: "create test database \(name)")
        defer {
            _ = try? adminConnection.executeUnsafe(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)", context: "drop \(name)")
        }
        try TestEnvironment.ensureRoles()
        if migrated { _ = try Migrator(connection: try database.connect()).migrate() }
        return try body(database)
    }

    func connect() throws -> PGConnection { try PGConnection(dsn: dsn) }

    /// Number of events in the log.
    func eventCount() throws -> Int64 {
        try connect().execute("SELECT count(*) FROM events", context: "count events").int64(0, 0)!
    }

    /// Number of rows in the bars projection.
    func barCount() throws -> Int64 {
        try connect().execute("SELECT count(*) FROM bars", context: "count bars").int64(0, 0)!
    }
}

extension TestEnvironment {
    /// The path of a readable sample data file, or a thrown error naming where it looked.
    static func dataPath(_ name: String) throws -> String {
        let path = dataDirectory.appendingPathComponent(name).path
        guard FileManager.default.isReadableFile(atPath: path) else { throw MissingData(path: path) }
        return path
    }
}
