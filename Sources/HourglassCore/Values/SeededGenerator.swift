/// A deterministic pseudo-random generator (SplitMix64) for bootstraps, sampling and model init.
///
/// Seeded only through `init(runSeed:hourTs:purpose:)`: the seed is the first 8 bytes of
/// SHA-256(run seed ‖ hour ‖ purpose), so every draw is reproducible and independent per purpose.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var stateBits: UInt64

    /// A generator for `purpose` (e.g. `bootstrap`) in hour `hourTs` of a run seeded with `runSeed`.
    public init(runSeed: UInt64, hourTs: UTCTimestamp, purpose: String) {
        var writer = ByteWriter()
        writer.write(unsigned: runSeed)
        writer.write(timestamp: hourTs)
        writer.write(string: purpose)
        let digest = Hash256.of(writer.bytes).bytes
        stateBits = digest[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        stateBits &+= 0x9E37_79B9_7F4A_7C15
        var z = stateBits
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
