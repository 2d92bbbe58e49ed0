/// The first difference between the events a replay produced and the events the log holds.
public struct EventDivergence: Sendable, Equatable, CustomStringConvertible {
    /// Index of the first differing event within the hour (0-based).
    public var index: Int
    /// Event type in the log at that index (nil when the log has fewer events).
    public var storedType: String?
    /// Event type the replay produced (nil when the replay produced fewer).
    public var replayedType: String?
    /// SHA-256 of the stored payload.
    public var storedSha256: String?
    /// SHA-256 of the replayed payload.
    public var replayedSha256: String?
    /// Field-level differences (`path: stored → replayed`), sorted by path.
    public var fieldDifferences: [String]

    public var description: String {
        var text =
            "event \(index): stored \(storedType ?? "<none>") \(storedSha256.map { String($0.prefix(16)) } ?? "-")"
        text += ", replayed \(replayedType ?? "<none>") \(replayedSha256.map { String($0.prefix(16)) } ?? "-")"
        if !fieldDifferences.isEmpty { text += "; " + fieldDifferences.prefix(8).joined(separator: "; ") }
        return text
    }
}
