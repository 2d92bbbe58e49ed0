import HourglassCore

/// Kraken's REST API for the hourly runner: public market data, signed private calls, bounded
/// retries with backoff, and the health counter behind `exchange_instability`.
///
/// Every call goes through `call(_:_:retrying:)`: sign (private calls), send, parse the envelope,
/// and on a retryable failure wait `retryPolicy.delaySeconds` and try again, at most
/// `retryPolicy.attemptsMax` times. Each failed attempt that points at the exchange (not at the
/// request) counts towards `health`; any success resets it. Orders are placed through
/// `placeOrder`, which never re-sends a request that may have reached the exchange without first
/// proving, by its client reference, that no order came of it.
public actor KrakenClient {
    /// Where and how patiently the client talks.
    public let configuration: KrakenConfiguration
    let credentials: KrakenCredentials?
    let nonces: NonceSource?
    let transport: HTTPTransport
    let sleeper: Sleeper
    private var consecutiveFailures = 0
    private var lastFailure: KrakenError?

    /// Creates a client. Without credentials and a nonce source only public calls work; private
    /// calls then fail with `KrakenConfigurationError.missingCredentials`, which says what to set.
    public init(
        configuration: KrakenConfiguration, credentials: KrakenCredentials? = nil, nonces: NonceSource? = nil,
        transport: HTTPTransport = URLSessionTransport(), sleeper: Sleeper = TaskSleeper()
    ) {
        self.configuration = configuration
        self.credentials = credentials
        self.nonces = nonces
        self.transport = transport
        self.sleeper = sleeper
    }

    /// Consecutive failures so far, and the instability signal once they reach the threshold.
    public var health: ExchangeHealth {
        ExchangeHealth(
            consecutiveFailures: consecutiveFailures, threshold: configuration.instabilityThreshold,
            lastFailure: lastFailure)
    }

    /// Calls `endpoint` with `form`, retrying retryable failures by the policy.
    /// - Parameter retrying: which failures to retry (default: every retryable one).
    func call(
        _ endpoint: KrakenEndpoint, _ form: KrakenForm = KrakenForm(),
        retrying: (KrakenError) -> Bool = { $0.isRetryable }
    ) async throws(KrakenError) -> KrakenJSON {
        let policy = configuration.retryPolicy
        var attempt = 1
        while true {
            do {
                let result = try await attemptOnce(endpoint, form)
                recordSuccess()
                return result
            } catch {
                record(error)
                guard retrying(error) else { throw error }
                guard attempt < policy.attemptsMax else {
                    throw .retriesExhausted(endpoint, attempts: attempt, last: error)
                }
                await sleeper.sleep(
                    seconds: policy.delaySeconds(afterAttempt: attempt, rateLimited: Self.isRateLimit(error)))
                attempt += 1
            }
        }
    }

    /// One request: build, sign when private, send, and parse the answer.
    func attemptOnce(_ endpoint: KrakenEndpoint, _ form: KrakenForm) async throws(KrakenError) -> KrakenJSON {
        var headers: [(name: String, value: String)] = [("User-Agent", configuration.userAgent)]
        let request: HTTPRequest
        if endpoint.isPrivate {
            guard let credentials, let nonces else {
                throw .configuration(.missingCredentials(missing: "API key and secret for \(endpoint)"))
            }
            let nonce: String
            do { nonce = String(try nonces.next()) } catch { throw .configuration(error) }
            let body = KrakenForm([("nonce", nonce)] + form.fields).encoded
            headers.append(("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
            headers.append(("API-Key", credentials.apiKey))
            headers.append(
                ("API-Sign", credentials.signer.signature(path: endpoint.path, nonce: nonce, postData: body)))
            request = HTTPRequest(
                method: "POST", url: configuration.baseURL + endpoint.path, headers: headers,
                body: Array(body.utf8), timeoutSeconds: configuration.timeoutSeconds)
        } else {
            let query = form.fields.isEmpty ? "" : "?" + form.encoded
            request = HTTPRequest(
                method: "GET", url: configuration.baseURL + endpoint.path + query, headers: headers,
                body: [], timeoutSeconds: configuration.timeoutSeconds)
        }
        let response = try await transport.send(request, endpoint: endpoint)
        guard response.status == 200 else {
            // Kraken sometimes sends its error envelope with a non-200 status; prefer its words.
            if case .api(let failedEndpoint, let errors)? = Self.apiErrors(response.body, endpoint) {
                throw .api(failedEndpoint, errors)
            }
            throw .httpStatus(endpoint, status: response.status)
        }
        return try KrakenJSON.result(of: response.body, endpoint: endpoint)
    }

    private static func apiErrors(_ body: [UInt8], _ endpoint: KrakenEndpoint) -> KrakenError? {
        do { _ = try KrakenJSON.result(of: body, endpoint: endpoint) } catch {
            if case .api = error { return error }
        }
        return nil
    }

    static func isRateLimit(_ error: KrakenError) -> Bool {
        if case .api(_, let errors) = error {
            return errors.contains { $0.kind == .rateLimited || $0.kind == .temporaryLockout }
        }
        if case .httpStatus(_, 429) = error { return true }
        return false
    }

    private func recordSuccess() {
        consecutiveFailures = 0
        lastFailure = nil
    }

    private func record(_ error: KrakenError) {
        // A coherent refusal (bad key, insufficient funds) means the exchange is up: not instability.
        guard error.indicatesInstability else { return recordSuccess() }
        consecutiveFailures += 1
        lastFailure = error
    }
}
