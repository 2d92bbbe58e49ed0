import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

extension TestDatabase {
    /// A new connection to this database.
    func connect() throws -> PGConnection { try PGConnection(dsn: dsn) }

    /// The first column of the only row of `sql` run on `connection`, as an integer.
    func scalar(_ sql: String, on connection: PGConnection) throws -> Int64 {
        let result = try connection.execute(sql, context: "test query")
        guard result.rowCount == 1, let value = result.int64(0, 0) else {
            throw TestDatabaseError(description: "\(sql) returned \(result.rowCount) rows or NULL")
        }
        return value
    }
}

extension TestEnvironment {
    /// The bytes of a sample data file, or a thrown error naming where it looked.
    static func dataFile(_ name: String) throws -> [UInt8] {
        let path = dataDirectory.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else { throw MissingData(path: path) }
        return [UInt8](data)
    }
}

/// A value shared between threads in a test, guarded by a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Small builders shared by the tests.
enum Samples {
    /// A valid hourly bar whose prices move with `index`.
    static func bar(exchange: String = "kraken", symbol: String = "XBT/USD", hour: Int64, close: String? = nil) -> Bar {
        let base = 1_000 + hour % 97
        let closeText = close ?? "\(base).5"
        return Bar(
            exchange: exchange, symbol: symbol,
            openTs: UTCTimestamp(secondsSinceEpoch: 1_700_000_000 / 3600 * 3600 + hour * 3600),
            intervalSeconds: 3600, openPrice: FixedDecimal(base), highPrice: FixedDecimal(base + 10),
            lowPrice: FixedDecimal(base - 10), closePrice: try! FixedDecimal.parse(closeText),
            volumeBase: try! FixedDecimal.parse("12.345678"))
    }

    /// A `BarRecorded` event for `stream`.
    static func event(stream: String, hour: Int64, symbol: String = "XBT/USD") -> PendingEvent {
        PendingEvent(stream: stream, event: .barRecorded(BarRecorded(bar: bar(symbol: symbol, hour: hour))))
    }

    /// An event whose payload is exactly `payload` (the log does not decode payloads on append).
    static func rawEvent(stream: String, payload: [UInt8]) -> PendingEvent {
        PendingEvent(stream: stream, runId: nil, accountId: nil, hourTs: nil, eventType: .barRecorded, payload: payload)
    }

    /// Bytes from a seeded generator (xorshift), incompressible for LZ4.
    static func noise(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        var out = [UInt8]()
        out.reserveCapacity(count)
        for _ in 0..<count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            out.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        return out
    }
}
