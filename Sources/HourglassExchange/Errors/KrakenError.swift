/// Why a Kraken call failed. Every case names the endpoint; none carries a key or a secret.
///
/// `isRetryable` says whether the client may try the same call again after a backoff (rate limits,
/// an unavailable service, an invalid nonce, timeouts, lost connections); `mayHaveReachedExchange`
/// says whether an order sent by the failed call could exist anyway, so it must be looked up by its
/// client reference before anything is re-sent.
public indirect enum KrakenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Kraken answered with errors in its `error` array.
    case api(KrakenEndpoint, [KrakenAPIError])
    /// No answer within the timeout.
    case timeout(KrakenEndpoint, seconds: Double)
    /// The connection failed; `afterSending` is true when the request may have been delivered.
    case transport(KrakenEndpoint, reason: String, afterSending: Bool)
    /// An HTTP status other than 200 without a Kraken error body.
    case httpStatus(KrakenEndpoint, status: Int)
    /// The answer is not what Kraken documents: what was wrong, and where.
    case malformed(KrakenEndpoint, reason: String)
    /// Every attempt allowed by the retry policy failed; `last` is the final failure.
    case retriesExhausted(KrakenEndpoint, attempts: Int, last: KrakenError)
    /// The adapter is not configured for this call (credentials, nonce file).
    case configuration(KrakenConfigurationError)
    /// The request was refused before sending (e.g. both `userref` and `cl_ord_id`).
    case invalidRequest(KrakenEndpoint, reason: String)
    /// An order's request may have reached Kraken, and the adapter could not establish whether it
    /// exists: nothing is re-sent. The operator (or the kill switch) must decide.
    case orderOutcomeUnknown(clientOrderId: String, last: KrakenError)

    /// The endpoint the failure belongs to (nil for configuration errors).
    public var endpoint: KrakenEndpoint? {
        switch self {
        case .api(let endpoint, _), .timeout(let endpoint, _), .transport(let endpoint, _, _),
            .httpStatus(let endpoint, _), .malformed(let endpoint, _), .retriesExhausted(let endpoint, _, _),
            .invalidRequest(let endpoint, _):
            return endpoint
        case .orderOutcomeUnknown: return .addOrder
        case .configuration: return nil
        }
    }

    /// True when the same call may succeed after a backoff.
    public var isRetryable: Bool {
        switch self {
        case .api(_, let errors):
            let failures = errors.filter { $0.kind != .warning }
            return !failures.isEmpty && failures.allSatisfy(\.isRetryable)
        case .timeout, .transport: return true
        case .httpStatus(_, let status): return status == 429 || status >= 500
        case .malformed, .retriesExhausted, .configuration, .invalidRequest, .orderOutcomeUnknown: return false
        }
    }

    /// True when the request may have been acted on although it failed (an order may exist).
    public var mayHaveReachedExchange: Bool {
        switch self {
        case .api(_, let errors): return errors.contains(where: \.mayHaveBeenProcessed)
        case .timeout: return true
        case .transport(_, _, let afterSending): return afterSending
        case .httpStatus(_, let status): return status >= 500
        case .malformed: return true
        case .retriesExhausted(_, _, let last): return last.mayHaveReachedExchange
        case .orderOutcomeUnknown: return true
        case .configuration, .invalidRequest: return false
        }
    }

    /// True when this failure says the exchange is unhealthy (counts towards `exchange_instability`):
    /// transport failures, timeouts, 5xx, rate limits and unavailability, not refusals of a bad request.
    public var indicatesInstability: Bool {
        switch self {
        case .retriesExhausted(_, _, let last), .orderOutcomeUnknown(_, let last): return last.indicatesInstability
        case .malformed: return true
        default: return isRetryable
        }
    }

    public var description: String {
        switch self {
        case .api(let endpoint, let errors):
            return "Kraken \(endpoint) refused the call: \(errors.map(\.code).joined(separator: ", "))"
        case .timeout(let endpoint, let seconds):
            return "Kraken \(endpoint) did not answer within \(seconds) s"
        case .transport(let endpoint, let reason, _):
            return "Kraken \(endpoint): connection failed: \(reason)"
        case .httpStatus(let endpoint, let status):
            return "Kraken \(endpoint) answered HTTP \(status)"
        case .malformed(let endpoint, let reason):
            return "Kraken \(endpoint) answered something unexpected: \(reason)"
        case .retriesExhausted(let endpoint, let attempts, let last):
            return "Kraken \(endpoint) failed \(attempts) times; giving up: \(last)"
        case .configuration(let error):
            return error.description
        case .invalidRequest(let endpoint, let reason):
            return "Kraken \(endpoint) request refused before sending: \(reason)"
        case .orderOutcomeUnknown(let clientOrderId, let last):
            return "order \(clientOrderId) may or may not exist on Kraken (\(last)); nothing was re-sent: "
                + "check the account's open and closed orders before trading again"
        }
    }
}
