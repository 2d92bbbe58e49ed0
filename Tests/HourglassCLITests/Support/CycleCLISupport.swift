import Foundation
import HourglassCore
@testable import HourglassStore
import HourglassTestSupport
import Synchronization

/// Why a cycle CLI test could not set itself up. Thrown (never skipped), so a missing server,
/// binary or data folder fails the test with a sentence saying what to do.
struct CycleCLISetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the cycle CLI tests find their server, binary, data and scratch space.
enum CycleCLIEnvironment {
    /// The admin DSN from `HOURGLASS_DSN`; the tests create and drop their own databases with it.
    static func adminDSN() throws -> String {
        do { return try TestEnvironment.adminDSN() } catch { throw CycleCLISetupError("\(error)") }
    }

    /// The repository root (see `TestEnvironment`).
    static var repositoryRoot: URL { TestEnvironment.repositoryRoot }

    /// The real bar files: `HOURGLASS_DATA`, else `<repo>/../shared/data`.
    static var dataDirectory: URL { TestEnvironment.dataDirectory }

    /// The debug `hourglass` binary that `swift build` (and `swift test`) left in `.build/debug`.
    static func binary() throws -> URL {
        let url = repositoryRoot.appendingPathComponent(".build/debug/hourglass")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CycleCLISetupError("no hourglass binary at \(url.path): run `swift build` before these tests")
        }
        return url
    }
}

/// A folder of its own under the system temp folder, removed by `remove()`.
struct CycleScratch: Sendable {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hg-cycle-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A database of its own for one test, on the `HOURGLASS_DSN` server, migrated, dropped by `drop()`.
final class CycleCLIDatabase: Sendable {
    /// The database name (`hg_c_<label>_<pid>_<n>`).
    let name: String
    /// A DSN reaching this database (the admin DSN with its database replaced).
    let dsn: String
    private let adminDSN: String

    private static let counter = Mutex<Int>(0)

    private init(name: String, adminDSN: String) {
        self.name = name
        self.adminDSN = adminDSN
        self.dsn = Self.dsn(adminDSN, database: name)
    }

    /// Creates and migrates a fresh database.
    static func create(_ label: String) throws -> CycleCLIDatabase {
        let admin = try CycleCLIEnvironment.adminDSN()
        let number = counter.withLock { value -> Int in value += 1; return value }
        let database = CycleCLIDatabase(name: "hg_c_\(label)_\(getpid())_\(number)", adminDSN: admin)
        let connection = try PGConnection(dsn: admin)
        try connection.executeUnsafe(script: "DROP DATABASE IF EXISTS \(database.name) WITH (FORCE)", context: "drop a stale test database")
        try connection.executeUnsafe(script: "CREATE DATABASE \(database.name)", context: "create a test database")
        do { _ = try Migrator(connection: try database.connect()).migrate() } catch {
            database.drop()
            throw error
        }
        return database
    }

    /// A new connection to this database.
    func connect() throws -> PGConnection { try PGConnection(dsn: dsn) }

    /// Drops the database, ending any connection still open to it.
    func drop() {
        do {
            try PGConnection(dsn: adminDSN).executeUnsafe(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)", context: "drop a test database")
        } catch {
            print("CycleCLIDatabase: could not drop \(name): \(error)")
        }
    }

    /// `dsn` with its database replaced (see `TestEnvironment.dsn`).
    static func dsn(_ dsn: String, database: String) -> String { TestEnvironment.dsn(dsn, database: database) }
}

/// What one `hourglass` process did.
struct CycleCLIOutcome: Sendable, CustomStringConvertible {
    /// The exit status, or nil when a signal ended the process.
    let status: Int32?
    /// The signal that ended it, if one did.
    let signal: Int32?
    let stdout: String
    let stderr: String

    var description: String {
        let how = status.map { "exit \($0)" } ?? "signal \(signal ?? -1)"
        return "\(how); stdout: \(stdout.suffix(600)); stderr: \(stderr.suffix(600))"
    }
}

/// Runs the built `hourglass` binary as a subprocess against one database.
struct CycleCLI {
    let binary: URL
    /// The database the commands act on (`HOURGLASS_DSN` of the child).
    let dsn: String
    /// `SWIFT_DETERMINISTIC_HASHING` for the child: "1" to set it, nil to remove it.
    var deterministicHashing: String?
    let scratch: CycleScratch

    init(dsn: String, scratch: CycleScratch, deterministicHashing: String? = nil) throws {
        binary = try CycleCLIEnvironment.binary()
        self.dsn = dsn
        self.scratch = scratch
        self.deterministicHashing = deterministicHashing
    }

    /// A started process whose output goes to files in the scratch folder.
    final class Running {
        let process: Process
        let stdoutPath: String
        let stderrPath: String

        init(process: Process, stdoutPath: String, stderrPath: String) {
            self.process = process
            self.stdoutPath = stdoutPath
            self.stderrPath = stderrPath
        }

        var pid: Int32 { process.processIdentifier }

        /// Sends SIGKILL (a no-op when the process has ended already).
        func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

        /// Waits for the end and collects what it printed.
        func wait() -> CycleCLIOutcome {
            process.waitUntilExit()
            let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            if process.terminationReason == .uncaughtSignal {
                return CycleCLIOutcome(status: nil, signal: process.terminationStatus, stdout: out, stderr: err)
            }
            return CycleCLIOutcome(status: process.terminationStatus, signal: nil, stdout: out, stderr: err)
        }
    }

    private static let launches = Mutex<Int>(0)

    /// Starts `hourglass ARGS…` without waiting.
    func start(_ arguments: [String]) throws -> Running {
        let number = Self.launches.withLock { value -> Int in value += 1; return value }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOURGLASS_DSN"] = dsn
        environment["SWIFT_DETERMINISTIC_HASHING"] = deterministicHashing
        process.environment = environment
        let stdoutPath = scratch.path("out-\(number).txt"), stderrPath = scratch.path("err-\(number).txt")
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        return Running(process: process, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    /// Runs `hourglass ARGS…` to its end.
    @discardableResult
    func run(_ arguments: [String]) throws -> CycleCLIOutcome { try start(arguments).wait() }

    /// Runs `hourglass ARGS…` and throws unless it exits 0.
    @discardableResult
    func succeed(_ arguments: [String]) throws -> CycleCLIOutcome {
        let outcome = try run(arguments)
        guard outcome.status == 0 else {
            throw CycleCLISetupError("hourglass \(arguments.joined(separator: " ")) failed: \(outcome)")
        }
        return outcome
    }
}

/// Slices of the five Kraken hourly files written to a folder, named as the data folder names
/// them (`kraken_XBTUSD_1h.csv`), so `ingest-bars` reads exchange and symbol from the names.
enum CycleCLIMarketData {
    static let files = ["kraken_BCHUSD_1h.csv", "kraken_ETHUSD_1h.csv", "kraken_LTCUSD_1h.csv", "kraken_XBTUSD_1h.csv", "kraken_XRPUSD_1h.csv"]
    /// History written before a window: the features need weeks of bars.
    static let historyDays: Int64 = 40

    /// Writes the rows from `historyDays` before `from` through `through`; returns the paths.
    static func writeSlices(to scratch: CycleScratch, from: UTCTimestamp, through: UTCTimestamp) throws -> [String] {
        let low = from.adding(hours: -historyDays * 24).iso8601, high = through.iso8601
        var paths: [String] = []
        for file in files {
            let url = CycleCLIEnvironment.dataDirectory.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CycleCLISetupError("cannot read \(url.path): set HOURGLASS_DATA to the folder of the Kraken 1h CSV files")
            }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first, header.hasPrefix("ts_utc,") else { throw CycleCLISetupError("\(file) has no ts_utc header") }
            let rows = lines.dropFirst().filter { line in
                let stamp = String(line.prefix(20))
                return stamp >= low && stamp <= high
            }
            guard !rows.isEmpty else { throw CycleCLISetupError("\(file) has no rows from \(low) through \(high)") }
            let path = scratch.path(file)
            try (([header] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        return paths
    }

    /// `ingest-bars` arguments for the slices.
    static func ingestArguments(_ paths: [String]) -> [String] {
        ["ingest-bars", "--exchange", "kraken"] + paths.flatMap { ["--file", $0] }
    }
}

/// SplitMix64 with a fixed seed: the kill moments are random but the same in every run.
struct CycleSplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
