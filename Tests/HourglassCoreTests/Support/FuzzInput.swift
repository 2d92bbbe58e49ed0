import Foundation

/// A seeded generator of mutated byte strings for the fuzz tests: SplitMix64, so a seed names
/// every input exactly (a failure prints the seed and the input's index to reproduce it).
struct FuzzInput {
    private var state: UInt64

    /// Creates a generator from `seed`.
    init(seed: UInt64) { state = seed }

    /// How many inputs a fuzz test runs: `HOURGLASS_FUZZ_INPUTS`, else `fallback` (the CI size).
    static func count(fallback: Int) -> Int {
        if let text = ProcessInfo.processInfo.environment["HOURGLASS_FUZZ_INPUTS"], let value = Int(text), value > 0 {
            return value
        }
        return fallback
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Bytes that often matter to a decoder: the ends of a byte, of a 7-bit group, and of UTF-8.
    static let interesting: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0x81, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFE, 0xFF]

    /// `seed` changed by one to four random edits: bit flips, byte sets, inserts, deletes,
    /// truncation, a copied chunk, or (one time in 32) entirely random bytes.
    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        if below(32) == 0 { return (0..<below(64)).map { _ in UInt8(truncatingIfNeeded: next()) } }
        var bytes = seed
        for _ in 0...below(4) {
            let position = bytes.isEmpty ? 0 : below(bytes.count)
            switch below(8) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1) << UInt8(below(8))
            case 1 where !bytes.isEmpty: bytes[position] = Self.interesting[below(Self.interesting.count)]
            case 2 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: next())
            case 3: bytes.insert(UInt8(truncatingIfNeeded: next()), at: bytes.isEmpty ? 0 : below(bytes.count + 1))
            case 4 where !bytes.isEmpty: bytes.remove(at: position)
            case 5: bytes = Array(bytes.prefix(bytes.isEmpty ? 0 : below(bytes.count + 1)))
            case 6 where !bytes.isEmpty:
                let length = 1 + below(min(16, bytes.count - position))
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: below(bytes.count + 1))
            default: bytes.append(Self.interesting[below(Self.interesting.count)])
            }
        }
        return bytes
    }
}
