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

    /// Feeds contiguous bytes without copying them into an array.
    public mutating func update(buffer: UnsafeRawBufferPointer) { hasher.update(bufferPointer: buffer) }

    /// Feeds the 32 bytes of the SHA-256 of `buffer` (as `update(Hash256.of(buffer:))`, without the array).
    public mutating func updateWithSHA256(of buffer: UnsafeRawBufferPointer) {
        let digest = SHA256.hash(data: buffer)
        digest.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// Finishes the digest.
    public func finalize() -> Hash256 { Hash256(digest: hasher.finalize()) }
}
