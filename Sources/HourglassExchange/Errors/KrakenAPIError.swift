/// One error string from Kraken's `error` array (`"EAPI:Rate limit exceeded"`), classified.
///
/// Kraken writes `<severity><category>:<message>[:<detail>]`: severity `E` (error) or `W` (warning).
/// The classification decides whether a call may be retried after a backoff.
public struct KrakenAPIError: Sendable, Hashable, CustomStringConvertible {
    /// The text exactly as Kraken sent it.
    public let code: String

    /// Creates an error from Kraken's text.
    public init(_ code: String) { self.code = code }

    /// What the error means to a caller.
    public enum Kind: String, Sendable, Hashable {
        /// Too many calls: `EAPI:Rate limit exceeded`, `EOrder:Rate limit exceeded`, `EGeneral:Too many requests`.
        case rateLimited = "rate_limited"
        /// The exchange is down or busy: `EService:Unavailable`, `EService:Busy`, and the other
        /// `EService:` errors.
        case unavailable
        /// The nonce was not above the last one Kraken saw (another process, clock skew): retry with a new nonce.
        case invalidNonce = "invalid_nonce"
        /// `EGeneral:Temporary lockout`: retry, after a longer wait.
        case temporaryLockout = "temporary_lockout"
        /// The exchange failed internally or ran out of time: `EGeneral:Internal error`,
        /// `EService:Deadline elapsed`. An order may or may not have been placed.
        case internalFailure = "internal_failure"
        /// Key, signature or permission refused: `EAPI:Invalid key`, `EAPI:Invalid signature`,
        /// `EGeneral:Permission denied`, `EAPI:Feature disabled`.
        case authentication
        /// `EOrder:Insufficient funds` (or margin).
        case insufficientFunds = "insufficient_funds"
        /// `EQuery:Unknown asset pair`, `EQuery:Unknown asset`.
        case unknownPair = "unknown_pair"
        /// The order breaks a rule: minimum, tick size, invalid arguments, unknown order.
        case invalidRequest = "invalid_request"
        /// A `W…` warning: informational.
        case warning
        /// Anything else.
        case other
    }

    /// The classification of `code`.
    public var kind: Kind {
        if code.hasPrefix("W") { return .warning }
        switch code {
        case "EAPI:Rate limit exceeded", "EOrder:Rate limit exceeded", "EGeneral:Too many requests": return .rateLimited
        case "EAPI:Invalid nonce": return .invalidNonce
        case "EGeneral:Temporary lockout": return .temporaryLockout
        case "EGeneral:Internal error", "EService:Deadline elapsed": return .internalFailure
        case "EAPI:Invalid key", "EAPI:Invalid signature", "EAPI:Bad request", "EGeneral:Permission denied",
            "EAPI:Feature disabled":
            return .authentication
        case "EOrder:Insufficient funds", "EOrder:Insufficient margin": return .insufficientFunds
        case "EQuery:Unknown asset pair", "EQuery:Unknown asset", "EGeneral:Unknown asset pair": return .unknownPair
        default: break
        }
        if code.hasPrefix("EService:") { return .unavailable }
        if code.hasPrefix("EOrder:") || code.hasPrefix("EGeneral:Invalid arguments") || code.hasPrefix("EQuery:") {
            return .invalidRequest
        }
        return .other
    }

    /// True when the same call may succeed after a backoff.
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .unavailable, .invalidNonce, .temporaryLockout, .internalFailure: return true
        default: return false
        }
    }

    /// True when Kraken may have acted on the request before failing (an order may exist).
    public var mayHaveBeenProcessed: Bool { kind == .internalFailure }

    public var description: String { code }
}
