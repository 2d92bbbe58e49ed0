import Foundation
import HourglassExchange
import Synchronization
import Testing

@Suite struct NonceSourceTests {
    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "hourglass-nonce-\(UInt64.random(in: 0...UInt64.max)).txt"
    }

    @Test func followsTheClockAndStaysStrictlyIncreasingWhenTheClockStalls() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try NonceSource(path: path, microsecondsNow: { 5_000 })
        #expect(try source.next() == 5_000)
        #expect(try source.next() == 5_001)
        #expect(try source.next() == 5_002)
    }

    @Test func survivesARestartWithAClockThatWentBack() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let first = try NonceSource(path: path, microsecondsNow: { 9_000_000 })
            #expect(try first.next() == 9_000_000)
        }
        let restarted = try NonceSource(path: path, microsecondsNow: { 1_000 })
        #expect(try restarted.next() == 9_000_001)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "9000001\n")
    }

    @Test func concurrentUseFromTwoSourcesOnOneFileNeverRepeats() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Two sources stand for two processes sharing the key: the file lock orders them.
        let first = try NonceSource(path: path, microsecondsNow: { 1 })
        let second = try NonceSource(path: path, microsecondsNow: { 1 })
        let all = await withTaskGroup(of: [UInt64].self) { group in
            for source in [first, second, first, second] {
                group.addTask { (0..<50).map { _ in (try? source.next()) ?? 0 } }
            }
            var collected: [UInt64] = []
            for await batch in group {
                #expect(batch == batch.sorted() && Set(batch).count == batch.count)
                collected += batch
            }
            return collected
        }
        #expect(all.count == 200)
        #expect(Set(all).count == 200)
        #expect(!all.contains(0))
        #expect(all.max() == 200)
    }

    @Test func refusesAFileThatDoesNotHoldANonce() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "garbage".write(toFile: path, atomically: true, encoding: .utf8)
        let source = try NonceSource(path: path)
        #expect {
            try source.next()
        } throws: { error in
            guard case .nonceFile(let failedPath, let reason)? = error as? KrakenConfigurationError else {
                return false
            }
            return failedPath == path && reason.contains("garbage")
        }
    }
}
