/// A bound query parameter. Text values are sent in text format, bytes in binary format.
enum PGParameter: Sendable, Hashable {
    case null
    case text(String)
    case int64(Int64)
    case bytes([UInt8])
    case bool(Bool)

    /// A text parameter, or NULL when nil.
    public static func text(_ value: String?) -> PGParameter { value.map { .text($0) } ?? .null }
}
