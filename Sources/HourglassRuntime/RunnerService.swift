import Foundation
import HourglassCore
import HourglassExchange
import HourglassStore
import Logging

/// The runner as the command line starts it: builds the Kraken client from the environment (and
/// the secrets file), then runs once or in a loop.
public struct RunnerService: Sendable {
    /// The runner.
    public let runner: HourlyRunner

    /// Opens the runner. LIVE needs credentials: without them this throws
    /// `KrakenConfigurationError.missingCredentials`, whose message says what to set.
    public init(
        dsn: String, settings: RunnerSettings, environment: [String: String], secretsFile: String?,
        logger: Logger
    ) throws {
        let configuration = try KrakenConfiguration.fromEnvironment(environment)
        var credentials: KrakenCredentials? = nil
        var nonces: NonceSource? = nil
        if settings.runMode == .live || secretsFile != nil {
            credentials = try KrakenCredentials.load(environment: environment, secretsFile: secretsFile)
            let path =
                environment["HOURGLASS_NONCE_FILE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.currentDirectoryPath + "/.hourglass/kraken.nonce"
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            nonces = try NonceSource(path: path)
        }
        let client = KrakenClient(configuration: configuration, credentials: credentials, nonces: nonces)
        runner = HourlyRunner(log: try EventLog.open(dsn: dsn), client: client, settings: settings, logger: logger)
    }

    /// Executes every closed hour not yet done and returns.
    public func once() throws -> [HourReport] { try blocking { try await runner.catchUp() } }

    /// Runs until SIGTERM/SIGINT: catch up, then sleep until `wakeDelaySeconds` after the next
    /// hour boundary (by the local clock, which only wakes the loop), and again. An exchange
    /// failure is logged and retried at the next wake-up.
    public func loop(wakeDelaySeconds: Int64) throws {
        try runner.lock()
        while !runner.stop.isSet {
            do { _ = try once() } catch let error as RunnerError {
                if case .accountLocked = error { throw error }
                runner.logger.error(
                    "pass failed; retrying at the next wake-up", metadata: ["outcome": "failed", "error": "\(error)"])
            }
            let now = Int64(Date().timeIntervalSince1970)
            let wake = now - now % 3600 + 3600 + wakeDelaySeconds
            var remaining = wake - now
            while remaining > 0, !runner.stop.isSet {
                Thread.sleep(forTimeInterval: Double(min(remaining, 1)))
                remaining -= 1
            }
        }
        runner.logger.info("stopped by signal", metadata: ["outcome": "stopped"])
    }
}

/// Runs an async body to completion from synchronous code (the command line is synchronous).
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
