/// Compares replayed events with stored ones, byte for byte, and explains the first difference.
public enum ReplayComparison {
    /// The first divergence between `stored` and `replayed`, or nil when they are identical.
    public static func firstDivergence(stored: [DomainEvent], replayed: [DomainEvent]) -> EventDivergence? {
        let count = max(stored.count, replayed.count)
        for index in 0..<count {
            let left = index < stored.count ? stored[index] : nil
            let right = index < replayed.count ? replayed[index] : nil
            let leftBytes = left?.canonicalBytes
            let rightBytes = right?.canonicalBytes
            if leftBytes == rightBytes { continue }
            var differences: [String] = []
            if let left, let right {
                jsonDifferences(left.json, right.json, path: left.eventType.rawValue, into: &differences)
            }
            return EventDivergence(
                index: index, storedType: left?.eventType.rawValue, replayedType: right?.eventType.rawValue,
                storedSha256: leftBytes.map { Hash256.of($0).hex },
                replayedSha256: rightBytes.map { Hash256.of($0).hex },
                fieldDifferences: differences.sorted())
        }
        return nil
    }

    /// Collects `path: left → right` for every leaf that differs.
    public static func jsonDifferences(_ left: JSONValue, _ right: JSONValue, path: String, into out: inout [String]) {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            let keys = Set(a.keys).union(b.keys).sorted()
            for key in keys {
                jsonDifferences(a[key] ?? .null, b[key] ?? .null, path: path + "." + key, into: &out)
            }
        case (.array(let a), .array(let b)):
            if a.count != b.count { out.append("\(path).count: \(a.count) → \(b.count)") }
            for index in 0..<min(a.count, b.count) {
                jsonDifferences(a[index], b[index], path: "\(path)[\(index)]", into: &out)
            }
        default:
            if left != right { out.append("\(path): \(left.canonicalText) → \(right.canonicalText)") }
        }
    }
}
