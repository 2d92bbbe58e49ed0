import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The COPY binary encoding, checked by the server itself: what goes in comes back out.
@Suite("COPY binary writer")
struct CopyBinaryWriterTests {
    static let decimals: [String] = [
        "0", "1", "-1", "0.5", "-0.5", "0.000000000001", "0.0001", "0.00010001", "10000", "9999.9999", "122.0",
        "828466.8334492904", "60497.99", "123456789.123456789012", "18446744.073709551615", "18446744.073709551616",
        "18446744.073709551617", "-18446744.073709551616", "99999999999999999999.999999999999",
        "-99999999999999999999.999999999999", "12345678901234567890.5", "100000000", "0.1", "1000000000000",
    ]

    @Test("numeric values round-trip exactly through COPY with the scale they use")
    func numericRoundTrip() throws {
        let values = try Self.decimals.map { try FixedDecimal.parse($0) } + Self.randomDecimals(count: 2_000)
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            try connection.executeUnsafe(script: "CREATE TABLE numbers (i int, n numeric)", context: "create table")
            var writer = PGCopyBinaryWriter()
            for (index, value) in values.enumerated() {
                writer.beginRow(fieldCount: 2)
                writer.append(int32: Int32(index))
                if index % 2 == 0 {
                    writer.append(numeric: value)
                } else {
                    writer.append(numeric: FixedDecimalDigits(value))
                }
            }
            let copied = try connection.copyIn(
                "COPY numbers FROM STDIN (FORMAT binary)", data: writer.finish(), context: "copy")
            #expect(copied == values.count)
            let rows = try connection.execute(
                "SELECT i, n::text, scale(n) FROM numbers ORDER BY i", context: "read back")
            #expect(rows.rowCount == values.count)
            for row in 0..<rows.rowCount {
                let value = values[row]
                let text = rows.string(row, 1)!
                #expect(try FixedDecimal.parse(text) == value, "\(value) came back as \(text)")
                #expect(
                    rows.int64(row, 2) == Int64(value.significantDecimals), "\(value) has scale \(rows.int64(row, 2)!)")
            }
        }
    }

    @Test("the digit groups equal the straightforward base-10000 split")
    func digitGroupsMatchReference() throws {
        let values = try Self.decimals.map { try FixedDecimal.parse($0) } + Self.randomDecimals(count: 20_000)
        for value in values {
            let digits = FixedDecimalDigits(value)
            let reference = Self.reference(value)
            #expect(digits.base10000Digits == reference.digits, "\(value)")
            #expect(digits.weight == reference.weight, "\(value)")
            #expect(digits.negative == value.isNegative)
            #expect(digits.displayScale == value.significantDecimals, "\(value)")
        }
    }

    @Test("every other field type round-trips, in chunks larger than one send")
    func otherTypesRoundTrip() throws {
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            try connection.executeUnsafe(
                script: """
                    CREATE TABLE mixed (i8 bigint, i4 integer, i2 smallint, t text, b bytea, ts timestamptz, u uuid, n text,
                                        f double precision, ft text)
                    """, context: "create table")
            let uuid = "0e7c2a54-8f7a-4c39-9d1e-6d1f7f0a1b2c"
            let rowCount = 20_000  // about 2.5 MB: several chunks of the streaming path
            let copy = try PGCopyIn(
                connection: connection, sql: "COPY mixed FROM STDIN (FORMAT binary)", context: "copy")
            // Doubles over many magnitudes and signs: the binary float8 must store the same double as
            // a text COPY of Swift's description (what the text projections sent).
            func double(_ index: Int) -> Double {
                (Double(index) - 10_000) / 7 * pow(10, Double(index % 41 - 20))
            }
            for index in 0..<rowCount {
                copy.writer.beginRow(fieldCount: 10)
                copy.writer.append(int64: Int64(index) - 1_000_000_000_000)
                copy.writer.append(int32: Int32(-index))
                copy.writer.append(int16: Int16(truncatingIfNeeded: index))
                copy.writer.append(text: "zeile \(index) ✓")
                copy.writer.append(bytes: Samples.noise(count: index % 97, seed: UInt64(index + 1)))
                copy.writer.append(timestamp: 1_700_000_000 + Int64(index) * 3_600)
                copy.writer.append(uuid: UUIDText.bytes(uuid)!)
                copy.writer.appendNull()
                copy.writer.append(float8: double(index))
                copy.writer.append(text: "\(double(index))")
                try copy.flushIfFull()
            }
            #expect(try copy.finish() == rowCount)
            let rows = try connection.execute(
                """
                SELECT i8, i4, i2, t, length(b), extract(epoch from ts)::bigint, u::text, n IS NULL, b,
                       f = ft::double precision, f::text FROM mixed ORDER BY i8
                """, context: "read back")
            #expect(rows.rowCount == rowCount)
            let unequal = try connection.execute(
                "SELECT count(*) FROM mixed WHERE f IS DISTINCT FROM ft::double precision", context: "compare doubles")
            #expect(unequal.int64(0, 0) == 0)
            for index in stride(from: 0, to: rowCount, by: 997) {
                #expect(rows.int64(index, 0) == Int64(index) - 1_000_000_000_000)
                #expect(rows.int64(index, 1) == Int64(-index))
                #expect(rows.int64(index, 2) == Int64(Int16(truncatingIfNeeded: index)))
                #expect(rows.string(index, 3) == "zeile \(index) ✓")
                #expect(rows.int64(index, 4) == Int64(index % 97))
                #expect(rows.int64(index, 5) == 1_700_000_000 + Int64(index) * 3_600)
                #expect(rows.string(index, 6) == uuid)
                #expect(rows.string(index, 7) == "t")
                #expect(rows.bytes(index, 8) == Samples.noise(count: index % 97, seed: UInt64(index + 1)))
                #expect(rows.string(index, 9) == "t", "\(double(index)) as float8 differs from its text")
                #expect(rows.string(index, 10).flatMap(Double.init) == double(index))
            }
        }
    }

    @Test("an aborted COPY writes nothing and leaves the connection usable")
    func abortedCopy() throws {
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            try connection.executeUnsafe(script: "CREATE TABLE t (i bigint)", context: "create table")
            do {
                let copy = try PGCopyIn(
                    connection: connection, sql: "COPY t FROM STDIN (FORMAT binary)", context: "copy")
                for index in 0..<100_000 {
                    copy.writer.beginRow(fieldCount: 1)
                    copy.writer.append(int64: Int64(index))
                    try copy.flushIfFull()
                }
                copy.abort("test abort")
            }
            do {
                // Dropped without finish or abort: the deinit aborts it.
                let copy = try PGCopyIn(
                    connection: connection, sql: "COPY t FROM STDIN (FORMAT binary)", context: "copy")
                copy.writer.beginRow(fieldCount: 1)
                copy.writer.append(int64: 1)
            }
            #expect(try db.scalar("SELECT count(*) FROM t", on: connection) == 0)
        }
    }

    /// Values spread over every magnitude and scale, from a fixed seed.
    static func randomDecimals(count: Int) -> [FixedDecimal] {
        var random = SeededRandom(seed: 42)
        return (0..<count).map { _ in
            let digits = Int(random.next() % 33) + 1  // 1...33 significant digits
            var raw: Int128 = 0
            for _ in 0..<digits { raw = raw * 10 + Int128(random.next() % 10) }
            let zeros = Int(random.next() % 6)
            for _ in 0..<zeros where raw.magnitude < UInt128(Int128.max) / 100 { raw *= 10 }
            if raw > Int128(99_999_999_999_999_999_999) * FixedDecimal.scaleFactor {
                raw %= FixedDecimal.scaleFactor * 1_000_000
            }
            return FixedDecimal(raw: random.next() % 2 == 0 ? raw : -raw)
        }
    }

    /// The original, obviously correct split (128-bit arithmetic throughout).
    static func reference(_ value: FixedDecimal) -> (weight: Int16, digits: [UInt16]) {
        var magnitude = value.raw.magnitude * 10_000
        var groups: [UInt16] = []
        while magnitude > 0 {
            groups.append(UInt16(magnitude % 10_000))
            magnitude /= 10_000
        }
        var firstIndex = 0
        while firstIndex < groups.count && groups[firstIndex] == 0 { firstIndex += 1 }
        if firstIndex == groups.count { return (0, []) }
        return (Int16(groups.count - 1 - 4), Array(groups[firstIndex...].reversed()))
    }
}
