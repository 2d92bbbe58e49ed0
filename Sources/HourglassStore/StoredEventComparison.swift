import HourglassCore

/// Compares an hour's stored output events with the replayed ones by their bytes: the stored
/// payloads (already hash-checked by the read) against the replayed events' canonical bytes, so
/// a matching hour decodes and re-encodes nothing. Only when something differs are the stored
/// events decoded, and `ReplayComparison` names the first difference exactly as before.
enum StoredEventComparison {
    /// The first divergence, or nil when the stored events are the replayed ones. `replayedBytes`
    /// holds the canonical bytes of a prefix of `replayed` (the hour's, already encoded for its
    /// manifest); the events after it are encoded here.
    static func firstDivergence(
        stored: [StoredEvent], replayed: [DomainEvent], replayedBytes: [[UInt8]] = []
    ) throws -> EventDivergence? {
        precondition(replayedBytes.count <= replayed.count, "bytes for at most every replayed event")
        if stored.count == replayed.count {
            var same = true
            for index in stored.indices
            where stored[index].header.eventType != replayed[index].eventType
                || stored[index].payload
                    != (index < replayedBytes.count ? replayedBytes[index] : replayed[index].canonicalBytes)
            {
                same = false
                break
            }
            if same { return nil }
        }
        return ReplayComparison.firstDivergence(stored: try stored.map { try $0.decode() }, replayed: replayed)
    }
}
