import HourglassCore

/// Why a blob could not be stored or read back.
public enum BlobStoreError: Error, Sendable, CustomStringConvertible {
    /// The bytes exceed `BlobStore.rawBytesMax`.
    case tooLarge(byteCount: Int, limit: Int)
    /// The stored row does not decode to bytes whose SHA-256 is its key.
    case corrupt(sha256: Hash256, reason: String)

    public var description: String {
        switch self {
        case .tooLarge(let byteCount, let limit):
            return "blob of \(byteCount) bytes exceeds the \(limit)-byte limit; split it or store it elsewhere"
        case .corrupt(let sha256, let reason):
            return
                "blob \(sha256.hex) is corrupt: \(reason); the blobs table was changed behind the log's back, restore it from a backup"
        }
    }
}

/// Content-addressed, immutable blobs (state snapshots, model artifacts, archived hour segments)
/// in the `blobs` table, LZ4-compressed when that pays.
///
/// A blob's key is the SHA-256 of its raw bytes, so putting the same bytes twice stores one row;
/// the second put checks that the row already there really holds those bytes. Reads decompress
/// and recompute the hash: a row changed behind the store's back is reported, never returned.
/// The `kind` of the first put is kept; the content, not the label, is the identity.
public struct BlobStore {
    /// Largest blob accepted: LZ4's block limit, far below bytea's 1 GB.
    public static let rawBytesMax = LZ4.rawBytesMax
    /// Longest `kind` label, in UTF-8 bytes.
    public static let kindBytesMax = 64
    /// Compress only when the LZ4 form (with its length prefix) is at most 90% of the raw size:
    /// below that saving the decompression on every read costs more than the bytes saved.
    public static let compressionSavingPercentMin = 10

    /// The connection blobs are written and read through.
    let connection: PGConnection

    /// Creates a store on `connection` (a writer or owner connection for `put`, any for `get`).
    init(connection: PGConnection) { self.connection = connection }

    /// Stores `bytes` under their SHA-256 and returns it; a no-op when the blob is already stored.
    ///
    /// - Parameters:
    ///   - kind: a short label such as `state-snapshot` or `model-artifact` (1–64 UTF-8 bytes).
    ///   - bytes: the raw content; at most `rawBytesMax` bytes.
    /// - Throws: `BlobStoreError.tooLarge`, `BlobStoreError.corrupt` when a row with this key
    ///   exists but does not hold these bytes, or `PGError`.
    @discardableResult
    public func put(kind: String, bytes: [UInt8]) throws -> Hash256 {
        precondition(
            !kind.isEmpty && kind.utf8.count <= Self.kindBytesMax, "blob kind must be 1...\(Self.kindBytesMax) bytes")
        guard bytes.count <= Self.rawBytesMax else {
            throw BlobStoreError.tooLarge(byteCount: bytes.count, limit: Self.rawBytesMax)
        }
        let sha256 = Hash256.of(bytes)
        let (codec, data) = Self.encode(bytes)
        // Both sides of the boundary: what goes in must come back out before it is written.
        assert((try? Self.decode(codec: Int64(codec), data: data, rawLength: bytes.count, sha256: sha256)) == bytes)
        let inserted = try connection.execute(
            """
            INSERT INTO blobs (sha256, kind, codec, raw_length, data) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (sha256) DO NOTHING
            """, [.bytes(sha256.bytes), .text(kind), .int64(Int64(codec)), .int64(Int64(bytes.count)), .bytes(data)],
            context: "store a \(kind) blob")
        precondition(inserted.affectedRows <= 1, "one INSERT wrote \(inserted.affectedRows) blob rows")
        if inserted.affectedRows == 0 {
            // Already stored: make sure the existing row holds these bytes, not something corrupt.
            guard let stored = try get(sha256) else {
                throw BlobStoreError.corrupt(sha256: sha256, reason: "the insert conflicted but no row can be read")
            }
            guard stored == bytes else {
                throw BlobStoreError.corrupt(sha256: sha256, reason: "the stored bytes differ from the new ones")
            }
        }
        return sha256
    }

    /// A blob ready to be stored: its key and its stored form, computed without a connection (so a
    /// caller can prepare it on one thread and store it from another).
    public struct Prepared: Sendable {
        /// SHA-256 of the raw bytes: the key.
        public let sha256: Hash256
        /// How `data` is stored (0 raw, 1 LZ4).
        let codec: UInt8
        /// The stored form.
        let data: [UInt8]
        /// Length of the raw bytes.
        let rawLength: Int
        /// The raw bytes, kept only to check a row that is already stored.
        let raw: [UInt8]
    }

    /// Hashes and encodes `bytes` as `put` stores them. Throws `BlobStoreError.tooLarge`.
    public static func prepare(_ bytes: [UInt8]) throws(BlobStoreError) -> Prepared {
        guard bytes.count <= rawBytesMax else { throw .tooLarge(byteCount: bytes.count, limit: rawBytesMax) }
        let (codec, data) = encode(bytes)
        return Prepared(sha256: Hash256.of(bytes), codec: codec, data: data, rawLength: bytes.count, raw: bytes)
    }

    /// Stores every blob of `blobs` as `put(kind:bytes:)` would, with one INSERT for all of them:
    /// the rows, keys and checks are the same (a blob already stored, or twice in `blobs`, is
    /// stored once and must hold the same bytes).
    public func put(kind: String, prepared blobs: [Prepared]) throws {
        precondition(
            !kind.isEmpty && kind.utf8.count <= Self.kindBytesMax, "blob kind must be 1...\(Self.kindBytesMax) bytes")
        var unique: [Prepared] = []
        var seen = Set<Hash256>()
        for blob in blobs where seen.insert(blob.sha256).inserted { unique.append(blob) }
        guard !unique.isEmpty else { return }
        var values: [String] = []
        var parameters: [PGParameter] = []
        for (index, blob) in unique.enumerated() {
            let base = 5 * index
            values.append("($\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4), $\(base + 5))")
            parameters += [
                .bytes(blob.sha256.bytes), .text(kind), .int64(Int64(blob.codec)), .int64(Int64(blob.rawLength)),
                .bytes(blob.data),
            ]
        }
        let inserted = try connection.execute(
            """
            INSERT INTO blobs (sha256, kind, codec, raw_length, data) VALUES \(values.joined(separator: ", "))
            ON CONFLICT (sha256) DO NOTHING RETURNING sha256
            """, parameters, binaryResults: true, context: "store \(unique.count) \(kind) blob(s)")
        precondition(inserted.rowCount <= unique.count, "one INSERT wrote more blob rows than it was given")
        let stored = Set((0..<inserted.rowCount).map { Hash256(bytes: inserted.bytes($0, 0)!) })
        for blob in unique where !stored.contains(blob.sha256) {
            // Already stored: make sure the existing row holds these bytes, not something corrupt.
            guard let existing = try get(blob.sha256) else {
                throw BlobStoreError.corrupt(
                    sha256: blob.sha256, reason: "the insert conflicted but no row can be read")
            }
            guard existing == blob.raw else {
                throw BlobStoreError.corrupt(sha256: blob.sha256, reason: "the stored bytes differ from the new ones")
            }
        }
    }

    /// The raw bytes of the blob with this SHA-256, or nil when there is none.
    ///
    /// - Throws: `BlobStoreError.corrupt` when the row does not decompress to bytes with this
    ///   hash and length, or `PGError`.
    public func get(_ sha256: Hash256) throws -> [UInt8]? {
        let result = try connection.execute(
            "SELECT codec, raw_length, data FROM blobs WHERE sha256 = $1",
            [.bytes(sha256.bytes)], binaryResults: true, context: "read blob \(sha256.hex.prefix(12))")
        precondition(result.rowCount <= 1, "sha256 is the primary key of blobs")
        guard result.rowCount == 1, let codec = result.int64(0, 0), let rawLength = result.int64(0, 1),
            let data = result.bytes(0, 2)
        else { return nil }
        let bytes = try Self.decode(codec: codec, data: data, rawLength: Int(rawLength), sha256: sha256)
        assert(bytes.count == Int(rawLength))
        return bytes
    }

    /// True when a blob with this SHA-256 is stored (its content is not checked).
    public func contains(_ sha256: Hash256) throws -> Bool {
        let result = try connection.execute(
            "SELECT 1 FROM blobs WHERE sha256 = $1", [.bytes(sha256.bytes)],
            context: "look up blob \(sha256.hex.prefix(12))")
        return result.rowCount == 1
    }

    /// Chooses the stored form: (1, LZ4) when it saves at least `compressionSavingPercentMin`,
    /// else (0, the raw bytes).
    static func encode(_ bytes: [UInt8]) -> (codec: UInt8, data: [UInt8]) {
        if bytes.isEmpty { return (0, bytes) }
        let compressed = LZ4.compress(bytes)
        if compressed.count * 100 <= bytes.count * (100 - compressionSavingPercentMin) { return (1, compressed) }
        return (0, bytes)
    }

    /// Turns a stored row back into the raw bytes, checking the codec, the length and the hash.
    static func decode(codec: Int64, data: [UInt8], rawLength: Int, sha256: Hash256) throws(BlobStoreError) -> [UInt8] {
        let bytes: [UInt8]
        switch codec {
        case 0:
            bytes = data
        case 1:
            do { bytes = try LZ4.decompress(data) } catch {
                throw .corrupt(sha256: sha256, reason: "LZ4 data does not decode (\(error))")
            }
        default:
            throw .corrupt(sha256: sha256, reason: "unknown codec \(codec)")
        }
        guard bytes.count == rawLength else {
            throw .corrupt(sha256: sha256, reason: "raw_length is \(rawLength) but the data holds \(bytes.count) bytes")
        }
        let found = Hash256.of(bytes)
        guard found == sha256 else { throw .corrupt(sha256: sha256, reason: "the data hashes to \(found.hex)") }
        return bytes
    }
}
