import Foundation
import HourglassExchange
import HourglassExchangeTestSupport
import Synchronization

/// Records the waits the client asks for, without waiting.
final class RecordingSleeper: Sleeper {
    private let recorded = Mutex<[Double]>([])

    var delays: [Double] { recorded.withLock { $0 } }

    func sleep(seconds: Double) async { recorded.withLock { $0.append(seconds) } }
}

/// A loopback Kraken server and a client pointed at it, with a fresh nonce file.
struct ClientHarness {
    let server: KrakenTestServer
    let client: KrakenClient
    let sleeper: RecordingSleeper
    let noncePath: String

    static let policy = RetryPolicy(
        attemptsMax: 3, initialDelaySeconds: 1, multiplier: 2, maxDelaySeconds: 8,
        rateLimitDelaySecondsMin: 1.5)

    init(
        timeoutSeconds: Double = 5, policy: RetryPolicy = ClientHarness.policy, threshold: Int = 3,
        withCredentials: Bool = true, secret: String = KrakenFixtures.SigningExample.secret
    ) throws {
        server = try KrakenTestServer()
        sleeper = RecordingSleeper()
        noncePath = NSTemporaryDirectory() + "hourglass-client-nonce-\(UInt64.random(in: 0...UInt64.max))"
        let configuration = try KrakenConfiguration(
            baseURL: server.baseURL, timeoutSeconds: timeoutSeconds,
            retryPolicy: policy, instabilityThreshold: threshold)
        let credentials =
            withCredentials
            ? try KrakenCredentials(apiKey: server.apiKey, secretBase64: secret, source: "test") : nil
        let nonces = withCredentials ? try NonceSource(path: noncePath) : nil
        client = KrakenClient(configuration: configuration, credentials: credentials, nonces: nonces, sleeper: sleeper)
    }

    func finish() {
        server.stop()
        try? FileManager.default.removeItem(atPath: noncePath)
    }
}
