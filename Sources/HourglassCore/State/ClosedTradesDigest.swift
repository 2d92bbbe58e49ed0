/// The SHA-256 of a state's closed trades as its canonical bytes write them (their count, then each
/// trade), kept for the state hash, which commits to the trades by this digest (engine 0.7.0).
///
/// The trades change only when a position closes, yet were hashed whole every hour (up to
/// `closedTradesKept` = 100 of them, ~4.7 KB, more than a third of a momentum state's commitment).
/// The cache is never encoded, and every cache equals every other, so it is left out of the state's
/// `==` and `hash`. `EngineState` drops it on any write to `closedTrades`; `EngineState.sha256`
/// uses it only when present and hashes the trades on the spot otherwise, so a missing cache costs
/// time, never a different hash.
struct ClosedTradesDigest: Sendable, Hashable {
    /// The digest of the trades since their last change, or nil when not (yet) computed.
    var digest: Hash256?

    /// An empty cache.
    init() { digest = nil }

    static func == (lhs: ClosedTradesDigest, rhs: ClosedTradesDigest) -> Bool { true }

    func hash(into hasher: inout Hasher) {}

    /// SHA-256 of `trades` as `EngineState`'s canonical bytes write them.
    static func of(_ trades: [ClosedTrade]) -> Hash256 {
        var writer = ByteWriter(capacity: 64 * trades.count + 16)
        writer.write(array: trades) { $1.encode(to: &$0) }
        return Hash256.of(writer.bytes)
    }
}
