import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// A superuser can switch the triggers off and rewrite history; the hash chain still tells.
@Suite("Chain tampering")
struct ChainTamperTests {
    static let eventCount: Int64 = 40
    static let tamperedSeq: Int64 = 23

    /// Appends `eventCount` events in a few transactions, one with a compressed payload at
    /// `compressedSeq`, and checks the chain is intact before anything is touched.
    private func seed(_ db: TestDatabase, compressedSeq: Int64? = nil) throws -> EventLog {
        let log = EventLog(connection: try db.connect())
        var hour: Int64 = 0
        while try log.lastSeq() < Self.eventCount {
            let next = try log.lastSeq() + 1
            if next == compressedSeq {
                try log.append([
                    Samples.rawEvent(stream: "s.big", payload: Array(String(repeating: "snapshot ", count: 100).utf8))
                ])
            } else {
                var size = min(7, Self.eventCount - next + 1)
                if let compressedSeq, compressedSeq > next { size = min(size, compressedSeq - next) }
                try log.append(
                    (0..<size).map { _ in
                        hour += 1
                        return Samples.event(stream: "market.kraken", hour: hour)
                    })
            }
        }
        #expect(try ChainVerifier(log: log).verify().intact)
        return log
    }

    /// Runs `sql` on `events` as superuser with the append-only triggers disabled.
    private func tamper(_ db: TestDatabase, _ sql: String, _ parameters: [PGParameter] = []) throws {
        let connection = try db.connect()
        try connection.executeUnsafe(script: "ALTER TABLE events DISABLE TRIGGER USER", context: "disable triggers")
        let result = try connection.execute(sql, parameters, context: "tamper")
        #expect(result.affectedRows == 1)
        try connection.executeUnsafe(script: "ALTER TABLE events ENABLE TRIGGER USER", context: "enable triggers")
    }

    private func expectBreak(_ log: EventLog, seq: Int64, kind: String) throws {
        let report = try ChainVerifier(log: log).verify()
        #expect(!report.intact)
        #expect(report.firstBreak?.seq == seq)
        #expect(report.firstBreak?.kind == kind)
        #expect(report.checked == Int(seq - 1), "the events before the break verify")
        // Verifying only the events before the break finds nothing.
        #expect(try ChainVerifier(log: log).verify(fromSeq: 1, toSeq: seq - 1).intact)
        // Verifying from inside the damaged range still names the same seq.
        #expect(try ChainVerifier(log: log).verify(fromSeq: seq - 3).firstBreak?.seq == seq)
    }

    @Test("a rewritten payload is named by its seq (payload_sha256)")
    func payloadChanged() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db)
            let original = try #require(try log.read(afterSeq: Self.tamperedSeq - 1, limit: 1).first)
            var forged = original.payload
            forged[forged.count - 1] ^= 0x01  // one bit of the volume
            try tamper(db, "UPDATE events SET payload = $1 WHERE seq = $2", [.bytes(forged), .int64(Self.tamperedSeq)])
            try expectBreak(log, seq: Self.tamperedSeq, kind: "payload_sha256")
            // A normal read refuses the event instead of returning forged bytes.
            #expect(throws: EventLogError.self) { try log.read(afterSeq: Self.tamperedSeq - 1, limit: 1) }
        }
    }

    @Test("a rewritten payload hash is named by its seq")
    func payloadHashChanged() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db)
            try tamper(
                db, "UPDATE events SET payload_sha256 = $1 WHERE seq = $2",
                [.bytes(Hash256.of(Array("forged".utf8)).bytes), .int64(Self.tamperedSeq)])
            try expectBreak(log, seq: Self.tamperedSeq, kind: "payload_sha256")
        }
    }

    @Test("a payload rewritten together with its hash breaks the chain at that seq (chain_sha256)")
    func payloadAndHashChanged() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db)
            let forged = Samples.event(stream: "market.kraken", hour: 9_999)
            try tamper(
                db, "UPDATE events SET payload = $1, payload_sha256 = $2 WHERE seq = $3",
                [.bytes(forged.payload), .bytes(forged.payloadSha256.bytes), .int64(Self.tamperedSeq)])
            try expectBreak(log, seq: Self.tamperedSeq, kind: "chain_sha256")
        }
    }

    @Test("a rewritten chain hash is named by its seq (chain_sha256)")
    func chainHashChanged() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db)
            try tamper(
                db, "UPDATE events SET chain_sha256 = $1 WHERE seq = $2",
                [.bytes([UInt8](repeating: 0xAB, count: 32)), .int64(Self.tamperedSeq)])
            try expectBreak(log, seq: Self.tamperedSeq, kind: "chain_sha256")
        }
    }

    @Test("a rewritten header field is named by its seq (chain_sha256)")
    func headerChanged() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db)
            try tamper(db, "UPDATE events SET account_id = 'mallory' WHERE seq = $1", [.int64(Self.tamperedSeq)])
            try expectBreak(log, seq: Self.tamperedSeq, kind: "chain_sha256")
        }
    }

    @Test("a corrupted LZ4 payload is named by its seq")
    func compressedPayloadCorrupted() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db, compressedSeq: Self.tamperedSeq)
            #expect(try db.scalar("SELECT codec FROM events WHERE seq = \(Self.tamperedSeq)") == 1)
            try tamper(
                db, "UPDATE events SET payload = substring(payload from 1 for length(payload) - 3) WHERE seq = $1",
                [.int64(Self.tamperedSeq)])
            try expectBreak(log, seq: Self.tamperedSeq, kind: "payload_sha256")
        }
    }

    @Test("a deleted event shows as a seq gap right after it")
    func eventDeleted() throws {
        try TestDatabase.with { (db) throws in
            let log = try seed(db)
            try tamper(db, "DELETE FROM events WHERE seq = $1", [.int64(Self.tamperedSeq)])
            let report = try ChainVerifier(log: log).verify()
            #expect(report.firstBreak?.seq == Self.tamperedSeq + 1)
            #expect(report.firstBreak?.kind == "seq gap")
            #expect(report.firstBreak?.expected == String(Self.tamperedSeq))
        }
    }
}
