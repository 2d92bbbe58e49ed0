/// The SHA-256 digests of the full hour-aligned chunks of one hourly series, for the state hash.
///
/// A series holds one value per hour, newest last, ending at hour index `lastHour` (hours since
/// the epoch). Chunk `k` is the hours `k × chunkHours ..< (k + 1) × chunkHours`; a chunk is full
/// when the series holds all of its hours. A value never changes once its hour is in the series
/// (a restarted window is a new series), so a full chunk's digest is computed once, when its last
/// hour arrives, and kept until its first hour is dropped. `EngineState.sha256` commits to a
/// series as its count, the values before the first full chunk, the full chunks' digests and the
/// values after the last one (`commit`): the count and the window's `lastOpenTs` fix that layout,
/// so the commitment is as binding as the values themselves, while an hour hashes ~`chunkHours`
/// values and a digest per chunk instead of the whole series.
///
/// The cache is never encoded and is left out of `==` and `hash`. `commit` uses it only when it
/// was brought up to date for exactly this series (same last hour and count); otherwise it
/// hashes the chunks itself, so a stale or missing cache costs time, never a different hash.
struct ChunkDigests: Sendable {
    /// Hours per chunk.
    static let chunkHours: Int64 = 64

    /// The series' last hour index when the cache was last updated (nil: never).
    private(set) var lastHour: Int64?
    /// The series' count then.
    private(set) var count: Int
    /// Chunk index of the first digest.
    private(set) var firstChunk: Int64
    /// The 32 bytes of each digest of the full chunks `firstChunk ..< firstChunk + digestCount`, back to
    /// back: what `commit` writes, in one copy (no `Hash256` array, nothing to retain per chunk).
    private(set) var digestBytes: [UInt8]

    /// How many chunk digests are kept.
    var digestCount: Int { digestBytes.count / Self.digestSize }

    /// The kept digests, oldest chunk first.
    var digests: [Hash256] {
        stride(from: 0, to: digestBytes.count, by: Self.digestSize).map {
            Hash256(bytes: Array(digestBytes[$0..<$0 + Self.digestSize]))
        }
    }

    /// Bytes of one digest.
    static let digestSize = 32

    /// An empty cache.
    init() {
        lastHour = nil
        count = 0
        firstChunk = 0
        digestBytes = []
    }

    /// The full chunks of a series of `count` values ending at hour `lastHour` (empty when none).
    static func fullChunks(count: Int, lastHour: Int64) -> Range<Int64> {
        let firstHour = lastHour - Int64(count) + 1
        let first = floorDivision(firstHour + chunkHours - 1, chunkHours)
        let end = floorDivision(lastHour + 1, chunkHours)
        return first < end ? first..<end : first..<first
    }

    /// Brings the cache up to date after `values` gained its newest hour, `lastHour` (dropping
    /// chunks that left the series, hashing the chunk that became full); rebuilds it when it was
    /// not up to date for the hour before.
    mutating func update(values: [Double], lastHour: Int64) {
        let chunks = Self.fullChunks(count: values.count, lastHour: lastHour)
        // Up to date for the hour before (one value added, at most one dropped): keep what is still inside.
        if self.lastHour != lastHour - 1 || values.count > count + 1 { digestBytes = [] }
        if firstChunk < chunks.lowerBound {
            let dropped = Int(min(Int64(digestCount), chunks.lowerBound - firstChunk))
            digestBytes.removeFirst(dropped * Self.digestSize)
            firstChunk = chunks.lowerBound
        }
        if digestBytes.isEmpty { firstChunk = chunks.lowerBound }
        var next = firstChunk + Int64(digestCount)
        while next < chunks.upperBound {
            digestBytes.append(contentsOf: Self.digest(of: values, chunk: next, lastHour: lastHour).bytes)
            next += 1
        }
        self.lastHour = lastHour
        count = values.count
    }

    /// A cache built from scratch for `values` ending at `lastHour` (after decoding a snapshot).
    static func built(values: [Double], lastHour: Int64?) -> ChunkDigests {
        var cache = ChunkDigests()
        guard let lastHour, !values.isEmpty else { return cache }
        let chunks = fullChunks(count: values.count, lastHour: lastHour)
        cache.firstChunk = chunks.lowerBound
        for chunk in chunks {
            cache.digestBytes.append(contentsOf: digest(of: values, chunk: chunk, lastHour: lastHour).bytes)
        }
        cache.lastHour = lastHour
        cache.count = values.count
        return cache
    }

    /// Writes the commitment to `values` (ending at `lastHour`): the count, the values before the
    /// first full chunk, each full chunk's digest, the values after the last full chunk.
    static func commit(
        _ values: [Double], lastHour: Int64?, cache: borrowing ChunkDigests, to writer: inout ByteWriter
    ) {
        writer.write(unsigned: UInt64(values.count))
        guard let lastHour, !values.isEmpty else {
            writer.write(rawDoubles: values[...])
            return
        }
        let chunks = fullChunks(count: values.count, lastHour: lastHour)
        guard !chunks.isEmpty else {
            writer.write(rawDoubles: values[...])
            return
        }
        let firstHour = lastHour - Int64(values.count) + 1
        let headEnd = Int(chunks.lowerBound * chunkHours - firstHour)
        let tailStart = Int(chunks.upperBound * chunkHours - firstHour)
        writer.write(rawDoubles: values[..<headEnd])
        let cached =
            cache.lastHour == lastHour && cache.count == values.count && cache.firstChunk == chunks.lowerBound
            && cache.digestCount == chunks.count
        if cached {
            writer.write(raw: cache.digestBytes)
        } else {
            for chunk in chunks { writer.write(raw: digest(of: values, chunk: chunk, lastHour: lastHour).bytes) }
        }
        writer.write(rawDoubles: values[tailStart...])
    }

    /// SHA-256 of chunk `chunk`'s values (big-endian bit patterns, no count).
    static func digest(of values: [Double], chunk: Int64, lastHour: Int64) -> Hash256 {
        let firstHour = lastHour - Int64(values.count) + 1
        let start = Int(chunk * chunkHours - firstHour)
        var writer = ByteWriter(capacity: Int(chunkHours) * 8)
        writer.write(rawDoubles: values[start..<start + Int(chunkHours)])
        return Hash256.of(writer.bytes)
    }

    /// ⌊a ÷ b⌋ for a positive `b` (hour indices before 1970 are negative).
    static func floorDivision(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && a < 0) ? quotient - 1 : quotient
    }
}
