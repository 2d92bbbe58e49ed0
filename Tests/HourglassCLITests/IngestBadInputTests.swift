import Foundation
import HourglassTestSupport
import Testing

/// One malformed bar file and where the error must point.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let format: String
    let line: Int
    let field: String

    var testDescription: String { name }

    static let header = "ts_utc,open,high,low,close,volume"
    static let row1 = "2024-01-01T00:00:00Z,100.5,101,99.5,100,12.5"
    static let row2 = "2024-01-01T01:00:00Z,100,102,99,101.25,3"
    static let row3 = "2024-01-01T02:00:00Z,101.25,101.5,100,100.75,0"

    /// An ohlcv file: the header, row1, then `rows` (so a bad row 2 sits on line 3).
    static func ohlcv(_ name: String, _ rows: [String], line: Int, field: String) -> BadInput {
        BadInput(
            name: name, bytes: Array(([header, row1] + rows).map { $0 + "\n" }.joined().utf8), format: "ohlcv",
            line: line, field: field)
    }

    static func kraken(_ name: String, _ rows: [String], line: Int, field: String) -> BadInput {
        BadInput(
            name: name, bytes: Array(rows.map { $0 + "\n" }.joined().utf8), format: "kraken", line: line, field: field)
    }

    static let cases: [BadInput] = [
        BadInput(name: "empty file", bytes: [], format: "ohlcv", line: 1, field: "file"),
        BadInput(name: "header only", bytes: Array((header + "\n").utf8), format: "ohlcv", line: 2, field: "file"),
        BadInput(
            name: "wrong header",
            bytes: Array(["timestamp,open,high,low,close,volume", row1].map { $0 + "\n" }.joined().utf8),
            format: "ohlcv", line: 1, field: "header"),
        ohlcv("truncated line", ["2024-01-01T01:00:00Z,100,102,99"], line: 3, field: "columns"),
        ohlcv("extra column", [row2 + ",7"], line: 3, field: "columns"),
        BadInput(
            name: "non-UTF-8 bytes",
            bytes: Array(([header, row1].map { $0 + "\n" }.joined() + "2024-01-01T01:00:00Z,100,102,99,101.25,").utf8)
                + [0xFF, 0xFE, 0x0A], format: "ohlcv", line: 3, field: "encoding"),
        ohlcv("scientific notation", ["2024-01-01T01:00:00Z,100,102,99,1.0125e2,3"], line: 3, field: "close"),
        ohlcv("NaN", ["2024-01-01T01:00:00Z,NaN,102,99,101.25,3"], line: 3, field: "open"),
        ohlcv("inf", ["2024-01-01T01:00:00Z,100,inf,99,101.25,3"], line: 3, field: "high"),
        ohlcv("zero price", ["2024-01-01T01:00:00Z,100,102,0,101.25,3"], line: 3, field: "low"),
        ohlcv("negative price", ["2024-01-01T01:00:00Z,100,102,99,-101.25,3"], line: 3, field: "close"),
        ohlcv(
            "negative volume", [row2, "2024-01-01T02:00:00Z,101.25,101.5,100,100.75,-0.5"], line: 4, field: "volume"),
        ohlcv("low above min(open, close)", ["2024-01-01T01:00:00Z,100,102,100.5,101.25,3"], line: 3, field: "low"),
        ohlcv("high below max(open, close)", ["2024-01-01T01:00:00Z,100,101,99,101.25,3"], line: 3, field: "high"),
        ohlcv("timestamp not on the hour", ["2024-01-01T01:30:00Z,100,102,99,101.25,3"], line: 3, field: "ts_utc"),
        ohlcv("decreasing timestamp", [row2, "2023-12-31T23:00:00Z,100,102,99,101.25,3"], line: 4, field: "ts_utc"),
        ohlcv(
            "duplicate timestamp", [row2, "2024-01-01T01:00:00Z,101.25,101.5,100,100.75,0"], line: 4, field: "ts_utc"),
        ohlcv("bad timestamp", ["2024-13-01T01:00:00Z,100,102,99,101.25,3"], line: 3, field: "ts_utc"),
        ohlcv("timestamp without Z", ["2024-01-01 01:00:00,100,102,99,101.25,3"], line: 3, field: "ts_utc"),
        ohlcv("blank line in the middle", ["", row2], line: 3, field: "file"),
        ohlcv("too many decimals", ["2024-01-01T01:00:00Z,100.1234567890123,102,99,101.25,3"], line: 3, field: "open"),
        ohlcv("missing value", ["2024-01-01T01:00:00Z,,102,99,101.25,3"], line: 3, field: "open"),
        ohlcv(
            "text instead of a number", [row2, "2024-01-01T02:00:00Z,101.25,101.5,100,100.75,lots"], line: 4,
            field: "volume"),
        kraken(
            "kraken format with wrong column count", ["1704067200,100.5,101,99.5,100,12.5"], line: 1, field: "columns"),
        kraken(
            "kraken format with a bad trade count",
            ["1704067200,100.5,101,99.5,100,12.5,7", "1704070800,100,102,99,101.25,3,x"],
            line: 2, field: "trades"),
        kraken(
            "kraken timestamp not on the hour",
            ["1704067200,100.5,101,99.5,100,12.5,7", "1704070860,100,102,99,101.25,3,4"],
            line: 2, field: "unix_seconds"),
        BadInput(
            name: "kraken format given an ohlcv file", bytes: Array(([header, row1].map { $0 + "\n" }.joined()).utf8),
            format: "kraken", line: 1, field: "header"),
    ]
}

/// Every malformed file exits 2, names the file, line and field on stderr, and writes nothing —
/// alone, and next to a good file in the same command.
@Suite("ingest-bars: bad input")
struct IngestBadInputTests {
    /// A good file for another symbol, ingested first so "unchanged" is measured against a
    /// non-empty log.
    static let goodLines = [BadInput.header, BadInput.row1, BadInput.row2, BadInput.row3]

    @Test("bad files are refused with exit 2, file:line and field, and nothing written", arguments: BadInput.cases)
    func refused(_ input: BadInput) throws {
        #expect(BadInput.cases.count >= 18)
        try TestDatabase.with { (db) throws in
            try Scratch.with { (folder) throws in
                let seeded = try CLI.run(
                    ["ingest-bars", "--file", try folder.write("kraken_ETHUSD_1h.csv", lines: Self.goodLines)],
                    dsn: db.dsn)
                try #require(seeded.status == 0, "\(seeded)")
                let before = try db.eventCount()
                try #require(before == 3)

                let badName = "kraken_XBTUSD_1h.csv"
                let bad = try folder.write(badName, input.bytes)
                let alone = try CLI.run(["ingest-bars", "--format", input.format, "--file", bad], dsn: db.dsn)
                #expect(alone.status == 2, "\(alone)")
                #expect(
                    alone.stderr.contains("\(badName):\(input.line):"),
                    "stderr must name file and line \(input.line): \(alone.stderr)")
                #expect(
                    alone.stderr.contains("'\(input.field)'"),
                    "stderr must name the field \(input.field): \(alone.stderr)")
                #expect(
                    alone.stderr.split(separator: "\n").count <= 3, "one clear message, not a dump: \(alone.stderr)")
                #expect(try db.eventCount() == before)

                // A good, new file in the same command is not written either.
                let good = try folder.write(
                    "kraken_LTCUSD_1h.csv",
                    lines: input.format == "kraken"
                        ? ["1704067200,100.5,101,99.5,100,12.5,7", "1704070800,100,102,99,101.25,3,4"] : Self.goodLines)
                let together = try CLI.run(
                    ["ingest-bars", "--format", input.format, "--file", good, "--file", bad], dsn: db.dsn)
                #expect(together.status == 2, "\(together)")
                #expect(together.stderr.contains("\(badName):\(input.line):"), "\(together.stderr)")
                #expect(try db.eventCount() == before)
                #expect(try db.barCount() == before)
            }
        }
    }

    @Test("a file that does not exist exits 2 and names it")
    func missingFile() throws {
        try TestDatabase.with { (db) throws in
            let result = try CLI.run(["ingest-bars", "--file", "/nonexistent/kraken_XBTUSD_1h.csv"], dsn: db.dsn)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("/nonexistent/kraken_XBTUSD_1h.csv"))
            #expect(try db.eventCount() == 0)
        }
    }

    @Test("a bar that conflicts with a stored one exits 2 naming the line and field; nothing is written")
    func conflictingBar() throws {
        try TestDatabase.with { (db) throws in
            try Scratch.with { (folder) throws in
                let first = try folder.write("kraken_XBTUSD_1h.csv", lines: Self.goodLines)
                #expect(try CLI.run(["ingest-bars", "--file", first], dsn: db.dsn).status == 0)
                let changed = [
                    BadInput.header, BadInput.row1, "2024-01-01T01:00:00Z,100,102,99,101.5,3",
                    "2024-01-01T03:00:00Z,100,102,99,101.5,3",
                ]
                let second = try Scratch.with { (other) throws in
                    try CLI.run(
                        ["ingest-bars", "--file", try other.write("kraken_XBTUSD_1h.csv", lines: changed)], dsn: db.dsn)
                }
                #expect(second.status == 2, "\(second)")
                #expect(second.stderr.contains("kraken_XBTUSD_1h.csv:3:"), "\(second.stderr)")
                #expect(second.stderr.contains("close"), "\(second.stderr)")
                #expect(try db.eventCount() == 3)
            }
        }
    }
}
