import Foundation
import HourglassCore
import HourglassExchange
import HourglassExchangeTestSupport
import HourglassRuntime
import HourglassTestSupport
import Logging

@testable import HourglassStore

/// The loopback Kraken server holding real Kraken bars of ETH/USD and XBT/USD around `start`,
/// its clock set just after `start + closedHours` hours have closed, a fresh database, and runners on both.
final class RuntimeFixture {
    /// 2022-03-01T00:00:00Z: the golden window's first hour.
    static let start = UTCTimestamp(secondsSinceEpoch: 1_646_092_800)
    /// The run's universe: the two pairs the test server lists; the momentum baseline decides.
    static let config: EngineConfig = {
        try! EngineConfig(
            json: try! JSONValue.parse(Array(#"{"universe":["ETH/USD","XBT/USD"]}"#.utf8)), over: .momentumBaseline)
    }()

    /// The universe with an eager signal (any positive momentum proposes an entry), so a few hours
    /// of real bars give orders to place.
    static let eagerConfig: EngineConfig = {
        let text =
            #"{"universe":["ETH/USD","XBT/USD"],"signal":{"entry_score_min":0.05,"expected_edge_min":0.0,"breadth_min":0.0}}"#
        return try! EngineConfig(json: try! JSONValue.parse(Array(text.utf8)), over: .momentumBaseline)
    }()

    let server: KrakenTestServer
    let database: TestDatabase
    let folder: URL

    init() throws {
        server = try KrakenTestServer()
        database = try TestDatabase.create("runtime")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hg-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let from = Self.start.adding(hours: -40 * 24)
        let through = Self.start.adding(hours: 96)
        server.setCandles(
            "XXBTZUSD", try KrakenCandleFile.candles("kraken_XBTUSD_1h.csv", from: from, through: through))
        server.setCandles(
            "XETHZUSD", try KrakenCandleFile.candles("kraken_ETHUSD_1h.csv", from: from, through: through))
        setClosedHours(2)
    }

    deinit {
        server.stop()
        database.drop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sets Kraken's clock 30 s after hour `start + count − 1` closed (so `count` hours from `start` are closed).
    func setClosedHours(_ count: Int64, secondsAfterClose: Int64 = 30) {
        server.setClock(Self.start.adding(hours: count).secondsSinceEpoch + secondsAfterClose)
    }

    /// A client of the test server that retries without waiting; credentials when `live`. `sleeper`
    /// also paces `placeOrder`'s waits for Kraken's clock to pass an order's deadline.
    func client(live: Bool, attempts: Int = 3, sleeper: Sleeper = TaskSleeper()) throws -> KrakenClient {
        let configuration = try KrakenConfiguration(
            baseURL: server.baseURL, timeoutSeconds: 2,
            retryPolicy: RetryPolicy(
                attemptsMax: attempts, initialDelaySeconds: 0, maxDelaySeconds: 0, rateLimitDelaySecondsMin: 0),
            instabilityThreshold: attempts, orderDeadlineSeconds: 5, deadlineChecksMax: 2)
        guard live else { return KrakenClient(configuration: configuration, sleeper: sleeper) }
        return KrakenClient(
            configuration: configuration,
            credentials: try KrakenCredentials(apiKey: server.apiKey, secretBase64: server.secret, source: "test"),
            nonces: try NonceSource(path: folder.appendingPathComponent("nonce").path), sleeper: sleeper)
    }

    /// A runner for `account` on its own connection.
    func runner(
        account: String = "acct", mode: RunMode, client: KrakenClient, startHour: UTCTimestamp? = RuntimeFixture.start,
        config: EngineConfig = RuntimeFixture.config, stop: StopFlag = StopFlag()
    ) throws -> HourlyRunner {
        HourlyRunner(
            log: try EventLog.open(dsn: database.dsn), client: client,
            settings: RunnerSettings(accountId: account, runMode: mode, config: config, startHourTs: startHour),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, stop: stop)
    }

    /// A log on the fixture's database.
    func log() throws -> EventLog { try EventLog.open(dsn: database.dsn) }

    /// Replays every executed hour of `runId` and audits the run: the first problem, nil when clean.
    func replayAndAudit(runId: String) throws -> String? {
        let log = try log()
        let cycles = CycleRunner(log: log)
        guard let run = try cycles.store.run(runId), let last = try cycles.store.lastExecutedHour(runId: runId) else {
            return "run \(runId) has no executed hour"
        }
        for stored in try cycles.store.hours(runId: runId, from: run.startHourTs, through: last) {
            if case .diverged(let divergence) = try cycles.replayHour(run: run, hourTs: stored.hourTs).0 {
                return "\(divergence)"
            }
        }
        for check in try Auditor(log: log).audit(run: run) where !check.passed {
            return "\(check.id): \(check.violation!)"
        }
        return nil
    }
}

/// Waits for nothing, so a frozen test clock makes `placeOrder` give up at once.
struct NoWaitSleeper: Sleeper {
    func sleep(seconds: Double) async {}
}

/// Runs an async body from a synchronous test.
func await<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.value = .success(try await body()) } catch { box.value = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.value!.get()
}

final class Box<T>: @unchecked Sendable {
    var value: Result<T, Error>?
}
