/// Kraken's answer to `CancelOrder`: how many orders were cancelled.
public struct KrakenCancelResult: Sendable, Hashable {
    /// Orders cancelled (0 when the order had already closed).
    public let count: Int64
    /// True when the cancellation is still pending.
    public let pending: Bool

    /// Creates a result.
    public init(count: Int64, pending: Bool) {
        self.count = count
        self.pending = pending
    }

    /// Parses `{"count": 1}` (with an optional `pending`).
    public static func parse(_ result: KrakenJSON) throws(KrakenError) -> KrakenCancelResult {
        var pending = false
        if let flag = try result.optionalMember("pending") {
            guard case .bool(let value) = flag.value else { throw flag.malformed("expected true or false") }
            pending = value
        }
        return KrakenCancelResult(count: try result.member("count").int(), pending: pending)
    }
}
