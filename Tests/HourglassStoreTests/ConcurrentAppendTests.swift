import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The classic event-store bug: a writer draws seq 7, another draws 8 and commits first, a reader
/// following seq sees 8 and moves past 7 for ever. Appends hold an advisory lock from before the
/// seq is drawn until commit, so commits happen in seq order; this test hammers that.
@Suite("Concurrent appends")
struct ConcurrentAppendTests {
    static let writerCount = 4
    static let transactionsPerWriter = 200
    static let eventsPerTransactionMax = 5

    @Test("4 writers and a tailing reader: the reader sees 1...N with no gap and the chain verifies")
    func tailingReaderSkipsNothing() throws {
        try TestDatabase.with { (db) throws in
            let dsn = db.dsn
            let writersDone = Locked(false)
            let seen = Locked<[Int64]>([])
            let polls = Locked(0)
            let appended = Locked<[String: Int64]>([:])  // events appended per stream
            let finishedWriters = Locked(0)
            // One extra thread: index writerCount is the reader.
            try runThreads(Self.writerCount + 1) { index in
                if index == Self.writerCount {
                    try Self.tail(dsn: dsn, writersDone: writersDone, seen: seen, polls: polls)
                    return
                }
                defer {
                    let finished = finishedWriters.withLock { count -> Int in
                        count += 1
                        return count
                    }
                    if finished == Self.writerCount { writersDone.withLock { $0 = true } }
                }
                try Self.write(dsn: dsn, writer: index, appended: appended)
            }
            let total = appended.withLock { $0.values.reduce(0, +) }
            let sequence = seen.withLock { $0 }
            #expect(total >= Int64(Self.writerCount * Self.transactionsPerWriter))
            #expect(sequence.count == Int(total))
            #expect(sequence == Array(1...total), "the reader skipped or repeated a seq")
            // The reader must really have raced the writers, not read everything at the end.
            #expect(polls.withLock { $0 } > 50)

            let connection = try db.connect()
            #expect(try EventLog(connection: connection).lastSeq() == total)
            for (stream, count) in appended.withLock({ $0 }) {
                let versions = try connection.execute(
                    "SELECT count(*), min(stream_version), max(stream_version) FROM events WHERE stream = $1",
                    [.text(stream)], context: "check stream versions")
                #expect(
                    [versions.int64(0, 0), versions.int64(0, 1), versions.int64(0, 2)] == [count, 1, count],
                    "stream \(stream) versions are not dense")
            }
            let verification = try ChainVerifier(log: EventLog(connection: connection)).verify()
            #expect(verification.intact, "\(String(describing: verification.firstBreak))")
            #expect(verification.checked == Int(total))
        }
    }

    /// One writer: its own connection, 200 transactions of 1–5 events over its own stream and a
    /// shared one; some transactions linger before commit so the others queue on the lock.
    private static func write(dsn: String, writer: Int, appended: Locked<[String: Int64]>) throws {
        let log = EventLog(connection: try PGConnection(dsn: dsn))
        var random = SeededRandom(seed: UInt64(writer + 1) &* 0x9E37_79B9_7F4A_7C15)
        var hour: Int64 = 0
        for _ in 0..<transactionsPerWriter {
            let count = Int(random.next() % UInt64(eventsPerTransactionMax)) + 1
            var events: [PendingEvent] = []
            var streams: [String: Int64] = [:]
            for _ in 0..<count {
                let stream = random.next() % 3 == 0 ? "test.shared" : "test.writer\(writer)"
                events.append(Samples.event(stream: stream, hour: hour, symbol: "W\(writer)/USD"))
                streams[stream, default: 0] += 1
                hour += 1
            }
            let lingerMicroseconds = random.next() % 4 == 0 ? UInt32(random.next() % 800) : 0
            try log.withAppendTransaction(context: "writer \(writer)") { session in
                _ = try session.append(events)
                if lingerMicroseconds > 0 { usleep(lingerMicroseconds) }
            }
            appended.withLock { totals in
                for (stream, added) in streams { totals[stream, default: 0] += added }
            }
        }
    }

    /// The reader: polls `read(afterSeq:)` from its last seen seq without pause until the writers
    /// are done, then drains what is left.
    private static func tail(dsn: String, writersDone: Locked<Bool>, seen: Locked<[Int64]>, polls: Locked<Int>) throws {
        let log = EventLog(connection: try PGConnection(dsn: dsn))
        var cursor: Int64 = 0
        var sequence: [Int64] = []
        while true {
            let finished = writersDone.withLock { $0 }
            let batch = try log.read(afterSeq: cursor, limit: 1_000)
            polls.withLock { $0 += 1 }
            for event in batch { sequence.append(event.header.seq) }
            if let last = batch.last { cursor = last.header.seq }
            // Only stop on an empty read that began after every writer had committed.
            if finished && batch.isEmpty { break }
        }
        seen.withLock { $0 = sequence }
    }
}

/// A small deterministic generator (SplitMix64) so a failing run can be repeated.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
