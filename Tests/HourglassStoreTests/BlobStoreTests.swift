import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

@Suite("Blob store")
struct BlobStoreTests {
    /// The stored (codec, raw_length, length(data)) of a blob.
    private func row(_ db: TestDatabase, _ sha: Hash256) throws -> [Int64] {
        let result = try db.connect().execute(
            "SELECT codec, raw_length, length(data) FROM blobs WHERE sha256 = $1",
            [.bytes(sha.bytes)], context: "read blob row")
        try #require(result.rowCount == 1)
        return (0..<3).map { result.int64(0, $0)! }
    }

    @Test("put returns the SHA-256 of the raw bytes and get gives them back, compressed or not")
    func roundTrip() throws {
        try TestDatabase.with { (db) throws in
            let store = BlobStore(connection: try db.connect())
            let snapshot = Array(String(repeating: "{\"position\":\"XBT/USD\",\"qty\":\"0.125\"}", count: 5_000).utf8)
            let artifact = Samples.noise(count: 50_000, seed: 11)
            for (kind, bytes) in [("state-snapshot", snapshot), ("model-artifact", artifact), ("empty", [])] {
                let sha = try store.put(kind: kind, bytes: bytes)
                #expect(sha == Hash256.of(bytes))
                #expect(try store.get(sha) == bytes)
                #expect(try store.contains(sha))
            }
            let compressed = try row(db, Hash256.of(snapshot))
            #expect(compressed[0] == 1)
            #expect(compressed[1] == Int64(snapshot.count))
            #expect(compressed[2] * 10 < Int64(snapshot.count), "a repetitive snapshot compresses well")
            #expect(try row(db, Hash256.of(artifact)) == [0, Int64(artifact.count), Int64(artifact.count)])
            #expect(try row(db, Hash256.of([])) == [0, 0, 0])
        }
    }

    @Test("a batch put stores the rows and keys single puts store, each blob once")
    func batchPut() throws {
        try TestDatabase.with { (db) throws in
            let store = BlobStore(connection: try db.connect())
            let snapshot = Array(String(repeating: "{\"position\":\"ETH/USD\",\"qty\":\"2.5\"}", count: 3_000).utf8)
            let artifact = Samples.noise(count: 20_000, seed: 12)
            let stored = Array(String(repeating: "stored before ", count: 500).utf8)
            let storedSha = try store.put(kind: "state", bytes: stored)
            let blobs = try [snapshot, artifact, snapshot, stored, []].map { try BlobStore.prepare($0) }
            #expect(blobs.map(\.sha256) == [snapshot, artifact, snapshot, stored, []].map { Hash256.of($0) })
            try store.put(kind: "state", prepared: blobs)
            #expect(try db.count("blobs") == 4)
            for bytes in [snapshot, artifact, stored, []] { #expect(try store.get(Hash256.of(bytes)) == bytes) }
            // The stored form is the one `put(kind:bytes:)` chooses.
            for bytes in [snapshot, artifact, []] {
                let (codec, data) = BlobStore.encode(bytes)
                #expect(try row(db, Hash256.of(bytes)) == [Int64(codec), Int64(bytes.count), Int64(data.count)])
            }
            #expect(try row(db, storedSha)[0] == 1)
            try store.put(kind: "state", prepared: blobs)
            try store.put(kind: "state", prepared: [])
            #expect(try db.count("blobs") == 4, "a second batch put is a no-op")
        }
    }

    @Test("compression is used only when it saves at least 10%")
    func thresholdChoice() {
        let noise = Samples.noise(count: 10_000, seed: 5)
        #expect(BlobStore.encode(noise).codec == 0)
        // 85% noise, 15% zeros: LZ4 saves a little over 10%.
        let mostlyNoise = Samples.noise(count: 8_500, seed: 6) + [UInt8](repeating: 0, count: 1_500)
        let choice = BlobStore.encode(mostlyNoise)
        let saved = 100 - LZ4.compress(mostlyNoise).count * 100 / mostlyNoise.count
        #expect(choice.codec == (saved >= BlobStore.compressionSavingPercentMin ? 1 : 0))
        #expect(BlobStore.encode([]).codec == 0)
    }

    @Test("putting the same bytes twice stores one row and returns the same hash")
    func idempotent() throws {
        try TestDatabase.with { (db) throws in
            let store = BlobStore(connection: try db.connect())
            let bytes = Array(String(repeating: "model weights ", count: 1_000).utf8)
            let first = try store.put(kind: "model-artifact", bytes: bytes)
            let second = try store.put(kind: "model-artifact", bytes: bytes)
            let relabelled = try BlobStore(connection: try db.connect()).put(kind: "other-kind", bytes: bytes)
            #expect(first == second && second == relabelled)
            #expect(try db.count("blobs") == 1)
            #expect(try db.scalar("SELECT count(*) FROM blobs WHERE kind = 'model-artifact'") == 1)
        }
    }

    @Test("an unknown hash reads as nil")
    func missing() throws {
        try TestDatabase.with { (db) throws in
            #expect(try BlobStore(connection: try db.connect()).get(Hash256.of(Array("never stored".utf8))) == nil)
        }
    }

    /// A change made behind the store's back, with the append-only triggers off.
    struct Corruption: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        var testDescription: String { name }
    }

    static let corruptions: [Corruption] = [
        Corruption(
            name: "a flipped byte in compressed data",
            sql: "UPDATE blobs SET data = set_byte(data, 5, get_byte(data, 5) # 1)"),
        Corruption(
            name: "truncated compressed data",
            sql: "UPDATE blobs SET data = substring(data from 1 for length(data) - 5)"),
        Corruption(name: "a wrong raw_length", sql: "UPDATE blobs SET raw_length = raw_length + 1"),
        Corruption(name: "compressed data read as raw (codec 0)", sql: "UPDATE blobs SET codec = 0"),
        Corruption(name: "other valid LZ4 data", sql: "UPDATE blobs SET data = $1"),
    ]

    @Test("corruption is detected on get and on a repeated put", arguments: corruptions)
    func corruptionDetected(_ corruption: Corruption) throws {
        try TestDatabase.with { (db) throws in
            let store = BlobStore(connection: try db.connect())
            let bytes = Array(String(repeating: "state after hour H ", count: 400).utf8)
            let sha = try store.put(kind: "state-snapshot", bytes: bytes)
            #expect(try row(db, sha)[0] == 1)
            let admin = try db.connect()
            try admin.executeUnsafe(script: "ALTER TABLE blobs DISABLE TRIGGER USER", context: "disable triggers")
            let other = LZ4.compress(Array(String(repeating: "a different state ", count: 400).utf8))
            let parameters: [PGParameter] = corruption.sql.contains("$1") ? [.bytes(other)] : []
            #expect(try admin.execute(corruption.sql, parameters, context: "corrupt").affectedRows == 1)
            #expect {
                try store.get(sha)
            } throws: { error in
                guard case BlobStoreError.corrupt(let named, _) = error else { return false }
                return named == sha
            }
            #expect(throws: BlobStoreError.self) { try store.put(kind: "state-snapshot", bytes: bytes) }
            #expect(throws: BlobStoreError.self) {
                try store.put(kind: "state-snapshot", prepared: [BlobStore.prepare(bytes)])
            }
        }
    }
}
