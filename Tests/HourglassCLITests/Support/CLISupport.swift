import Foundation
import HourglassCore
import HourglassTestSupport
import Synchronization

@testable import HourglassStore

/// What one `hourglass` process did.
struct CLIOutcome: Sendable, CustomStringConvertible {
    /// The exit status, or nil when a signal ended the process.
    let status: Int32?
    /// The signal that ended it, if one did.
    let signal: Int32?
    let stdout: String
    let stderr: String

    var description: String {
        let how = status.map { "exit \($0)" } ?? "signal \(signal ?? -1)"
        return "\(how)\n--- stdout\n\(stdout.suffix(2_000))\n--- stderr\n\(stderr.suffix(2_000))"
    }

    /// stdout parsed as one JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let dictionary = object as? [String: Any] else {
            throw CLIFailure("stdout is not a JSON object: \(stdout)")
        }
        return dictionary
    }
}

/// A test could not set itself up, or a command did not do what the test needs. Thrown (never
/// skipped), with a sentence saying what to do.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the built `hourglass` executable as a subprocess against one database, as a user would:
/// the one CLI runner of these tests.
struct CLI {
    let binary: URL
    /// The database the commands act on (`HOURGLASS_DSN` of the child; removed when nil).
    let dsn: String?
    /// `SWIFT_DETERMINISTIC_HASHING` for the child: "1" to set it, nil to remove it.
    var deterministicHashing: String?
    /// Extra environment variables for the child.
    var environment: [String: String]
    /// Where the children's output files go.
    let scratch: Scratch

    init(dsn: String?, scratch: Scratch, deterministicHashing: String? = nil, environment: [String: String] = [:])
        throws
    {
        binary = try Self.executable()
        self.dsn = dsn
        self.scratch = scratch
        self.deterministicHashing = deterministicHashing
        self.environment = environment
    }

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
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw CLIFailure(
            "the hourglass executable was not found (looked in \(candidates.map(\.path).joined(separator: ", "))); "
                + "build it with `swift build` before `swift test`, or run Scripts/test")
    }

    /// Runs `hourglass arguments…` once with `HOURGLASS_DSN` set to `dsn`, in a scratch folder of its own.
    static func run(_ arguments: [String], dsn: String?, environment: [String: String] = [:]) throws -> CLIOutcome {
        let scratch = try Scratch("cli")
        defer { scratch.remove() }
        return try CLI(dsn: dsn, scratch: scratch, environment: environment).run(arguments)
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
        func wait() -> CLIOutcome {
            process.waitUntilExit()
            let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            if process.terminationReason == .uncaughtSignal {
                return CLIOutcome(status: nil, signal: process.terminationStatus, stdout: out, stderr: err)
            }
            return CLIOutcome(status: process.terminationStatus, signal: nil, stdout: out, stderr: err)
        }
    }

    private static let launches = Mutex<Int>(0)

    /// Starts `hourglass ARGS…` without waiting.
    func start(_ arguments: [String]) throws -> Running {
        let number = Self.launches.withLock { value -> Int in
            value += 1
            return value
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var childEnvironment = ProcessInfo.processInfo.environment
        childEnvironment["HOURGLASS_DSN"] = dsn
        childEnvironment["SWIFT_DETERMINISTIC_HASHING"] = deterministicHashing
        for (key, value) in environment { childEnvironment[key] = value }
        process.environment = childEnvironment
        // Files, not pipes: a chatty child can never block on a full pipe.
        let stdoutPath = scratch.path("out-\(number).txt")
        let stderrPath = scratch.path("err-\(number).txt")
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
    func run(_ arguments: [String]) throws -> CLIOutcome { try start(arguments).wait() }

    /// Runs `hourglass ARGS…` and throws unless it exits 0.
    @discardableResult
    func succeed(_ arguments: [String]) throws -> CLIOutcome {
        let outcome = try run(arguments)
        guard outcome.status == 0 else {
            throw CLIFailure("hourglass \(arguments.joined(separator: " ")) failed: \(outcome)")
        }
        return outcome
    }
}

/// A folder of its own under the system temp folder, removed by `remove()` (or at the end of `with`).
struct Scratch: Sendable {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hg-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Runs `body` with a new folder and removes it afterwards.
    static func with<T>(_ body: (Scratch) throws -> T) throws -> T {
        let scratch = try Scratch("test")
        defer { scratch.remove() }
        return try body(scratch)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` in the folder and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CLIFailure("cannot write \(path)")
        }
        return path
    }

    func write(_ name: String, lines: [String]) throws -> String {
        try write(name, Array(lines.map { $0 + "\n" }.joined().utf8))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension TestDatabase {
    /// A new connection to this database.
    func connect() throws -> PGConnection { try PGConnection(dsn: dsn) }
}

extension TestEnvironment {
    /// The path of a readable sample data file, or a thrown error naming where it looked.
    static func dataPath(_ name: String) throws -> String {
        let path = dataDirectory.appendingPathComponent(name).path
        guard FileManager.default.isReadableFile(atPath: path) else { throw MissingData(path: path) }
        return path
    }
}
