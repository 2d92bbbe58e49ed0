@preconcurrency import Crypto

/// A SHA-256 digest as 32 bytes, printed as lowercase hex.
public struct Hash256: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 digest bytes; traps on any other length.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }

    /// The all-zero digest: the chain's value before the first event.
    public static let zero = Hash256(bytes: [UInt8](repeating: 0, count: 32))

    /// SHA-256 of `data`. Contiguous inputs (arrays, slices) are hashed in place, without a copy.
    public static func of(_ data: some Sequence<UInt8>) -> Hash256 {
        let digest =
            data.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Array(data))
        return Hash256(digest: digest)
    }

    /// SHA-256 of contiguous bytes without copying.
    public static func of(buffer: UnsafeRawBufferPointer) -> Hash256 {
        Hash256(digest: SHA256.hash(data: buffer))
    }

    /// Wraps a finished digest. Copies its 32 bytes in one go: the generic `Array(digest)`
    /// iterates byte by byte and showed up in ingestion profiles.
    init(digest: SHA256Digest) {
        let bytes = digest.withUnsafeBytes { [UInt8]($0) }
        self.init(bytes: bytes)
    }

    /// Parses 64 hex digits.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            guard let high = Self.nibble(utf8[2 * index]), let low = Self.nibble(utf8[2 * index + 1]) else {
                return nil
            }
            out[index] = high << 4 | low
        }
        bytes = out
    }

    public static func < (lhs: Hash256, rhs: Hash256) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Lowercase hex.
    public var hex: String { Self.hex(bytes) }
    public var description: String { hex }

    /// Lowercase hex of any bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}
