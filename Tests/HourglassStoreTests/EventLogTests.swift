import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

@Suite("Event log")
struct EventLogTests {
    @Test("appends get dense seq, dense stream versions and a chain that verifies")
    func appendAssignsSeqAndChain() throws {
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            let first = try log.append([Samples.event(stream: "s.a", hour: 0), Samples.event(stream: "s.b", hour: 0)])
            let second = try log.append([Samples.event(stream: "s.a", hour: 1)], expected: ["s.a": .exactly(1)])
            #expect(first.map(\.seq) == [1, 2])
            #expect(first.map(\.streamVersion) == [1, 1])
            #expect(second.map(\.seq) == [3])
            #expect(second.map(\.streamVersion) == [2])
            let stored = try log.read(afterSeq: 0, limit: 10)
            #expect(stored.map(\.header) == first + second)
            var previous = Hash256.zero
            for event in stored {
                #expect(event.chainSha256 == event.header.chainHash(previous: previous))
                previous = event.chainSha256
            }
            #expect(try ChainVerifier(log: log).verify().intact)
            #expect(try log.read(afterSeq: 0, limit: 10, stream: "s.a").map(\.header.seq) == [1, 3])
            #expect(try log.lastSeq() == 3)
        }
    }

    @Test(
        "a wrong expected version is refused and nothing is written",
        arguments: [
            ExpectedVersion.noStream, .exactly(1), .exactly(3),
        ])
    func wrongExpectedVersion(_ expected: ExpectedVersion) throws {
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            try log.append([Samples.event(stream: "s.a", hour: 0), Samples.event(stream: "s.a", hour: 1)])
            #expect {
                try log.append(
                    [Samples.event(stream: "s.b", hour: 0), Samples.event(stream: "s.a", hour: 2)],
                    expected: ["s.b": .noStream, "s.a": expected])
            } throws: { error in
                guard case EventLogError.wrongExpectedVersion(let stream, let wanted, let actual) = error else {
                    return false
                }
                return stream == "s.a" && wanted == expected && actual == 2
            }
            #expect(try db.count("events") == 2)
            #expect(try log.lastSeq() == 2)
            // The log still accepts the right expectation afterwards.
            let headers = try log.append([Samples.event(stream: "s.a", hour: 2)], expected: ["s.a": .exactly(2)])
            #expect(headers.map(\.seq) == [3])
        }
    }

    @Test("two writers expecting the same version: exactly one wins")
    func optimisticConcurrency() throws {
        try TestDatabase.with { (db) throws in
            try EventLog(connection: try db.connect()).append([Samples.event(stream: "s.a", hour: 0)])
            let outcomes = Locked<[Bool]>([])
            let dsn = db.dsn
            try runThreads(2) { index in
                let log = EventLog(connection: try PGConnection(dsn: dsn))
                do {
                    try log.append(
                        [Samples.event(stream: "s.a", hour: Int64(index + 1))], expected: ["s.a": .exactly(1)])
                    outcomes.withLock { $0.append(true) }
                } catch EventLogError.wrongExpectedVersion {
                    outcomes.withLock { $0.append(false) }
                }
            }
            #expect(outcomes.withLock { $0.map { $0 ? 1 : 0 }.sorted() } == [0, 1])
            #expect(try db.count("events") == 2)
        }
    }

    @Test("payloads of 512 bytes or more that compress are stored with codec 1 and read back identical")
    func largePayloadCompressed() throws {
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            let repetitive = [UInt8](repeating: 0, count: 100) + Array(String(repeating: "hourglass ", count: 60).utf8)
            let noise = Samples.noise(count: 2_000, seed: 7)
            let smallRepetitive = Array(String(repeating: "ab", count: 200).utf8)
            let exactlyThreshold = Array(String(repeating: "z", count: EventLog.compressionThresholdBytes).utf8)
            let payloads = [repetitive, noise, smallRepetitive, exactlyThreshold, []]
            try log.append(payloads.map { Samples.rawEvent(stream: "s.raw", payload: $0) })
            let codecs = try db.connect().execute("SELECT codec FROM events ORDER BY seq", context: "read codecs")
            #expect((0..<codecs.rowCount).map { codecs.int64($0, 0)! } == [1, 0, 0, 1, 0])
            let storedLength = try db.scalar("SELECT length(payload) FROM events WHERE seq = 1")
            #expect(storedLength < Int64(repetitive.count) / 4)
            #expect(try log.read(afterSeq: 0, limit: 10).map(\.payload) == payloads)
            #expect(try ChainVerifier(log: log).verify().checked == payloads.count)
        }
    }

    @Test("a bar event decodes back to the bar that was appended")
    func barRoundTrip() throws {
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            let bar = Samples.bar(hour: 42, close: "1001.123456789012")
            try log.append([
                PendingEvent(stream: "market.kraken", hourTs: bar.openTs, event: .barRecorded(BarRecorded(bar: bar)))
            ])
            let stored = try #require(try log.read(afterSeq: 0, limit: 1).first)
            #expect(try stored.decode() == .barRecorded(BarRecorded(bar: bar)))
            #expect(stored.header.hourTs == bar.openTs)
            #expect(stored.codec == 0)
        }
    }

    @Test("events of a run are read back by run and hour")
    func readByRunAndHour() throws {
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            let run = "0e7c2a54-8f7a-4c39-9d1e-6d1f7f0a1b2c"
            let hour = UTCTimestamp(secondsSinceEpoch: 1_700_000_000 / 3600 * 3600)
            var event = Samples.event(stream: "run.\(run)", hour: 0)
            event.runId = run
            event.accountId = "acct-1"
            event.hourTs = hour
            try log.append([event, Samples.event(stream: "s.other", hour: 1), event])
            let read = try log.read(runId: run, hourTs: hour)
            #expect(read.map(\.header.seq) == [1, 3])
            #expect(read.allSatisfy { $0.header.runId == run && $0.header.accountId == "acct-1" })
            var bad = event
            bad.runId = "not-a-uuid"
            #expect(throws: EventLogError.self) { try log.append([bad]) }
            #expect(try db.count("events") == 3)
        }
    }
}

/// Runs `body(index)` on `count` threads at once and waits for all of them; rethrows the first
/// error any thread threw (issues are recorded here, on the test's own thread).
func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
    let group = DispatchGroup()
    let errors = Locked<[String]>([])
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            do { try body(index) } catch { errors.withLock { $0.append("thread \(index): \(error)") } }
        }
        thread.stackSize = 1 << 22
        thread.start()
    }
    group.wait()
    let failures = errors.withLock { $0 }
    if !failures.isEmpty { throw ThreadFailures(messages: failures) }
}

struct ThreadFailures: Error, CustomStringConvertible {
    let messages: [String]
    var description: String { messages.joined(separator: "; ") }
}
