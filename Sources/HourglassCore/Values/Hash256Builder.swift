@preconcurrency import Crypto

/// Incremental SHA-256 over many pieces (e.g. every event of an hour).
public struct Hash256Builder {
    private var hasher = SHA256()

    /// Starts an empty digest.
    public init() {}

    /// Feeds bytes.
    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

    /// Feeds a digest's bytes.
    public mutating func update(_ digest: Hash256) { hasher.update(data: digest.bytes) }

    /// Finishes the digest.
    public func finalize() -> Hash256 { Hash256(digest: hasher.finalize()) }
}
