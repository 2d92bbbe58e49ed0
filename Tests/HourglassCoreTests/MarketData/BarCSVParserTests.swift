import Foundation
import Testing

@testable import HourglassCore

@Suite("Bar CSV parser")
struct BarCSVParserTests {
    static let header = BarCSVParser.ohlcvHeader
    static let row0 = "2024-01-01T00:00:00Z,100.0,101.0,99.5,100.5,12.5"
    static let row1 = "2024-01-01T01:00:00Z,100.5,102.0,100.0,101.5,3.25"

    private static func ohlcv(_ rows: [String]) -> [UInt8] {
        Array(([header] + rows).joined(separator: "\n").utf8) + [0x0A]
    }
    private static func kraken(_ rows: [String]) -> [UInt8] { Array(rows.joined(separator: "\n").utf8) + [0x0A] }

    private static func parse(
        _ bytes: [UInt8], format: BarFileFormat = .ohlcv, interval: Int64 = 3600,
        fileName: String = "bad.csv"
    ) throws(BarFileError) -> BarFileParseResult {
        try BarCSVParser.parse(
            bytes, fileName: fileName, format: format, exchange: "kraken", symbol: "XBT/USD",
            intervalSeconds: interval)
    }

    // MARK: Real files

    /// The Kraken files and the figures of the data README's table (rows, gaps, missing bars).
    static let krakenFiles: [(String, Int, Int, Int)] = [
        ("kraken_XBTUSD_1h.csv", 72_259, 3254, 10_856),
        ("kraken_ETHUSD_1h.csv", 63_568, 842, 3474),
        ("kraken_LTCUSD_1h.csv", 53_867, 3772, 22_248),
        ("kraken_XRPUSD_1h.csv", 44_744, 15, 121),
        ("kraken_BCHUSD_1h.csv", 42_918, 36, 146),
        ("kraken_XBTUSDT_1h.csv", 2160, 0, 0),
        ("kraken_XBTUSDC_1h.csv", 2160, 0, 0),
        ("kraken_XBTUSD_5m.csv", 25_901, 5, 19),
    ]

    @Test func krakenXBTUSDHourlyParsesFully() throws {
        let bytes = try TestSupport.dataFile("kraken_XBTUSD_1h.csv")
        let result = try Self.parse(bytes, fileName: "kraken_XBTUSD_1h.csv")
        #expect(result.rowCount == 72_259)
        #expect(result.bars.count == 72_259)
        #expect(result.gapCount == 3254)
        #expect(result.missingBars == 10_856)
        let first = try #require(result.bars.first)
        #expect(first.openTs == TestSupport.timestamp("2013-10-06T21:00:00Z"))
        #expect(first.openPrice == TestSupport.decimal("122"))
        #expect(first.volumeBase == TestSupport.decimal("0.1"))
        #expect(first.exchange == "kraken" && first.symbol == "XBT/USD" && first.intervalSeconds == 3600)
        let last = try #require(result.bars.last)
        #expect(last.openTs == TestSupport.timestamp("2023-03-31T23:00:00Z"))
        #expect(last.volumeBase == TestSupport.decimal("89.97281556"))
        // Span check: every hour from first to last is either a bar or a counted missing bar.
        let hours = (last.openTs.secondsSinceEpoch - first.openTs.secondsSinceEpoch) / 3600 + 1
        #expect(Int(hours) == result.rowCount + result.missingBars)
    }

    @Test("Kraken files match the data README", arguments: krakenFiles)
    func krakenFileFigures(name: String, rows: Int, gaps: Int, missing: Int) throws {
        let bytes = try TestSupport.dataFile(name)
        let naming = try #require(BarCSVParser.symbol(fromFileName: name))
        let result = try BarCSVParser.parse(
            bytes, fileName: name, format: .ohlcv, exchange: naming.exchange ?? "kraken",
            symbol: naming.symbol, intervalSeconds: naming.intervalSeconds)
        #expect(result.rowCount == rows)
        #expect(result.gapCount == gaps)
        #expect(result.missingBars == missing)
    }

    /// The files not covered by the README figures above (the Binance copies here are cut short,
    /// so their README figures do not apply): each parses, one bar per line after the header.
    @Test func everyOtherDataFileParses() throws {
        let covered = Set(Self.krakenFiles.map(\.0))
        let names = try FileManager.default.contentsOfDirectory(atPath: TestSupport.dataDirectory.path)
            .filter { $0.hasSuffix(".csv") && $0 != "manifest.csv" && !covered.contains($0) }.sorted()
        #expect(names.count >= 1)
        for name in names {
            let bytes = try TestSupport.dataFile(name)
            let naming = try #require(BarCSVParser.symbol(fromFileName: name), "no symbol in \(name)")
            let result = try BarCSVParser.parse(
                bytes, fileName: name, format: .ohlcv, exchange: naming.exchange ?? "",
                symbol: naming.symbol, intervalSeconds: naming.intervalSeconds)
            let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            #expect(result.rowCount == newlines - 1, "\(name)")
        }
    }

    @Test func krakenFormatConvertedFromTheOhlcvFile() throws {
        let bytes = try TestSupport.dataFile("kraken_XBTUSD_1h.csv")
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().prefix(500)
        var converted: [String] = []
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let seconds = try #require(UTCTimestamp.parse(String(fields[0]))).secondsSinceEpoch
            converted.append(
                ([String(seconds)] + fields.dropFirst().map(String.init) + [String(index % 37)]).joined(separator: ","))
        }
        let fromKraken = try Self.parse(Self.kraken(converted), format: .kraken)
        let fromOhlcv = try Self.parse(Array(([Self.header] + lines.map(String.init)).joined(separator: "\n").utf8))
        #expect(fromKraken.rowCount == 500)
        #expect(fromKraken == fromOhlcv)
    }

    @Test func lineEndingsAndByteOrderMarkDoNotMatter() throws {
        let bytes = try TestSupport.dataFile("kraken_XBTUSDT_1h.csv")
        let expected = try Self.parse(bytes)
        var crlf: [UInt8] = []
        for byte in bytes {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        #expect(try Self.parse(crlf) == expected)
        #expect(try Self.parse(Array(bytes.dropLast())) == expected)
        #expect(try Self.parse(Array(crlf.dropLast(2))) == expected)
        #expect(try Self.parse([0xEF, 0xBB, 0xBF] + bytes) == expected)
    }

    // MARK: Gaps

    @Test func gapsAreCountedNeverFilled() throws {
        let hours = [0, 1, 2, 5, 6, 10, 11]
        let rows = hours.map { "2024-01-01T\($0 < 10 ? "0" : "")\($0):00:00Z,1,1,1,1,0" }
        let result = try Self.parse(Self.ohlcv(rows))
        #expect(result.rowCount == 7 && result.bars.count == 7)
        #expect(result.gapCount == 2)
        #expect(result.missingBars == 5)
        #expect(result.bars.map(\.openTs.hourOfDay) == hours)
    }

    @Test func fiveMinuteBarsUseTheirInterval() throws {
        let rows = ["1704067200,1,2,1,2,5,3", "1704067500,2,2,1,1,5,0", "1704068400,1,1,1,1,0,0"]
        let result = try Self.parse(Self.kraken(rows), format: .kraken, interval: 300)
        #expect(result.rowCount == 3 && result.gapCount == 1 && result.missingBars == 2)
        #expect(result.bars.allSatisfy { $0.intervalSeconds == 300 })
    }

    @Test func numbersAreKeptExactly() throws {
        let result = try Self.parse(
            Self.ohlcv(["2024-01-01T00:00:00Z,828466.8334492904,828466.8334492904,0.000000000001,1.10,122.0"]))
        let bar = try #require(result.bars.first)
        #expect(bar.openPrice.description == "828466.8334492904")
        #expect(bar.lowPrice.raw == 1)
        #expect(bar.closePrice.description == "1.1")
        #expect(bar.volumeBase.description == "122")
    }

    // MARK: Bad input

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var format: BarFileFormat = .ohlcv
        var interval: Int64 = 3600
        let line: Int
        let field: String
        let kind: BarFileError.Kind
        var reasonContains = ""
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = {
        let h = header
        let r0 = row0
        let r1 = row1
        func rows(_ bad: String) -> [UInt8] { ohlcv([r0, r1, bad]) }
        let k0 = "1704067200,100.0,101.0,99.5,100.5,12.5,7"
        return [
            BadFile(name: "empty file", bytes: [], line: 1, field: "file", kind: .empty, reasonContains: "empty"),
            BadFile(name: "byte-order mark only", bytes: [0xEF, 0xBB, 0xBF], line: 1, field: "file", kind: .empty),
            BadFile(name: "empty kraken file", bytes: [], format: .kraken, line: 1, field: "file", kind: .empty),
            BadFile(
                name: "header only", bytes: Array("\(h)\n".utf8), line: 2, field: "file", kind: .empty,
                reasonContains: "no bars"),
            BadFile(
                name: "wrong header", bytes: Array("time,open,high,low,close,volume\n\(r0)\n".utf8), line: 1,
                field: "header", kind: .header, reasonContains: "'time,open,high,low,close,volume'"),
            BadFile(
                name: "header with spaces", bytes: Array("ts_utc, open,high,low,close,volume\n\(r0)\n".utf8), line: 1,
                field: "header", kind: .header),
            BadFile(
                name: "header missing (kraken rows read as ohlcv)", bytes: kraken([k0]), line: 1, field: "header",
                kind: .header, reasonContains: "format kraken"),
            BadFile(
                name: "header in a kraken file", bytes: ohlcv([r0]), format: .kraken, line: 1, field: "header",
                kind: .header, reasonContains: "format ohlcv"),
            BadFile(
                name: "truncated line", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,101.0"), line: 4,
                field: "columns", kind: .columns, reasonContains: "found 4: the line is truncated"),
            BadFile(
                name: "truncated last line without newline", bytes: Array("\(h)\n\(r0)\n2024-01-01T01:00:00Z,100".utf8),
                line: 3, field: "columns", kind: .columns),
            BadFile(
                name: "extra column", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,101.0,101.0,1,9"), line: 4,
                field: "columns", kind: .columns, reasonContains: "extra column"),
            BadFile(
                name: "non-UTF-8 byte",
                bytes: ohlcv([r0, r1]) + Array("2024-01-01T02:00:00Z,101.5,101.5,101.0,101.0,1".utf8) + [0xFF, 0x0A],
                line: 4, field: "encoding", kind: .encoding, reasonContains: "byte 0xFF at column 47"),
            BadFile(
                name: "non-UTF-8 header", bytes: [0x74, 0xE9] + Array(",open\n".utf8), line: 1, field: "encoding",
                kind: .encoding),
            BadFile(
                name: "UTF-8 that is not a number", bytes: rows("2024-01-01T02:00:00Z,１01.5,101.5,101.0,101.0,1"),
                line: 4,
                field: "open", kind: .number, reasonContains: "invalid character"),
            BadFile(
                name: "scientific notation", bytes: rows("2024-01-01T02:00:00Z,1.015e2,101.5,101.0,101.0,1"), line: 4,
                field: "open", kind: .number, reasonContains: "scientific notation"),
            BadFile(
                name: "NaN", bytes: rows("2024-01-01T02:00:00Z,101.5,NaN,101.0,101.0,1"), line: 4, field: "high",
                kind: .number, reasonContains: "NaN"),
            BadFile(
                name: "inf", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,inf,101.0,1"), line: 4, field: "low",
                kind: .number, reasonContains: "infinity"),
            BadFile(
                name: "too many decimals", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,101.0,101.1234567890123,1"),
                line: 4, field: "close", kind: .number, reasonContains: "13 decimal places"),
            BadFile(
                name: "empty value", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,101.0,101.0,"), line: 4,
                field: "volume", kind: .number, reasonContains: "''"),
            BadFile(
                name: "space in a number", bytes: rows("2024-01-01T02:00:00Z, 101.5,101.5,101.0,101.0,1"), line: 4,
                field: "open", kind: .number),
            BadFile(
                name: "zero price", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,101.0,0,1"), line: 4, field: "close",
                kind: .invariant, reasonContains: "above zero"),
            BadFile(
                name: "negative price", bytes: rows("2024-01-01T02:00:00Z,-101.5,101.5,101.0,101.0,1"), line: 4,
                field: "open", kind: .invariant, reasonContains: "above zero"),
            BadFile(
                name: "negative volume", bytes: rows("2024-01-01T02:00:00Z,101.5,101.5,101.0,101.0,-1"), line: 4,
                field: "volume", kind: .invariant, reasonContains: "negative"),
            BadFile(
                name: "low above min(open, close)", bytes: rows("2024-01-01T02:00:00Z,101.5,102,101.2,101.0,1"),
                line: 4,
                field: "low", kind: .invariant, reasonContains: "low 101.2 is above min(open, close) 101"),
            BadFile(
                name: "high below max(open, close)", bytes: rows("2024-01-01T02:00:00Z,101.5,101.4,101.0,101.0,1"),
                line: 4,
                field: "high", kind: .invariant, reasonContains: "high 101.4 is below max(open, close) 101.5"),
            BadFile(
                name: "timestamp not on the hour", bytes: rows("2024-01-01T02:30:00Z,101.5,101.5,101.0,101.0,1"),
                line: 4,
                field: "ts_utc", kind: .boundary, reasonContains: "2024-01-01T02:30:00Z is not on the hour"),
            BadFile(
                name: "decreasing timestamp", bytes: rows("2024-01-01T00:00:00Z,101.5,101.5,101.0,101.0,1"), line: 4,
                field: "ts_utc", kind: .order, reasonContains: "before 2024-01-01T01:00:00Z on line 3"),
            BadFile(
                name: "duplicate timestamp", bytes: rows("2024-01-01T01:00:00Z,101.5,101.5,101.0,101.0,1"), line: 4,
                field: "ts_utc", kind: .duplicate, reasonContains: "line 3 already holds"),
            BadFile(
                name: "bad timestamp text", bytes: rows("2024-01-01 2:00,101.5,101.5,101.0,101.0,1"), line: 4,
                field: "ts_utc", kind: .timestamp, reasonContains: "'2024-01-01 2:00' is not an ISO-8601"),
            BadFile(
                name: "impossible date", bytes: rows("2024-02-30T02:00:00Z,101.5,101.5,101.0,101.0,1"), line: 4,
                field: "ts_utc", kind: .timestamp),
            BadFile(
                name: "blank line in the middle", bytes: ohlcv([r0, "", r1]), line: 3, field: "file", kind: .blankLine),
            BadFile(
                name: "blank CRLF line", bytes: Array("\(h)\r\n\(r0)\r\n\r\n\(r1)\r\n".utf8), line: 3, field: "file",
                kind: .blankLine),
            BadFile(
                name: "two newlines at the end", bytes: ohlcv([r0, r1]) + [0x0A], line: 4, field: "file",
                kind: .blankLine),
            BadFile(
                name: "kraken: negative trades", bytes: kraken([k0, "1704070800,100.5,102.0,100.0,101.5,3.25,-3"]),
                format: .kraken, line: 2, field: "trades", kind: .number, reasonContains: "'-3'"),
            BadFile(
                name: "kraken: fractional seconds", bytes: kraken([k0, "1704070800.5,100.5,102.0,100.0,101.5,3.25,3"]),
                format: .kraken, line: 2, field: "unix_seconds", kind: .number),
            BadFile(
                name: "kraken: not on the hour", bytes: kraken([k0, "1704070860,100.5,102.0,100.0,101.5,3.25,3"]),
                format: .kraken, line: 2, field: "unix_seconds", kind: .boundary,
                reasonContains: "1704070860 (2024-01-01T01:01:00Z) is not on the hour"),
            BadFile(
                name: "kraken: missing trades column", bytes: kraken([k0, "1704070800,100.5,102.0,100.0,101.5,3.25"]),
                format: .kraken, line: 2, field: "columns", kind: .columns),
            BadFile(
                name: "5m: off the 5-minute grid", bytes: kraken(["1704067200,1,1,1,1,0,0", "1704067260,1,1,1,1,0,0"]),
                format: .kraken, interval: 300, line: 2, field: "unix_seconds", kind: .boundary,
                reasonContains: "300-second boundary"),
        ]
    }()

    @Test("refuses malformed files", arguments: badFiles)
    func refuses(file: BadFile) {
        do {
            let result = try Self.parse(file.bytes, format: file.format, interval: file.interval)
            Issue.record("accepted \(file.name): \(result.rowCount) rows")
        } catch {
            #expect(error.line == file.line)
            #expect(error.field == file.field)
            #expect(error.kind == file.kind)
            #expect(error.fileName == "bad.csv")
            #expect(error.description.hasPrefix("bad.csv:\(file.line): field '\(file.field)': "))
            // Foundation's `contains` is false for an empty needle, so only check a given one.
            if !file.reasonContains.isEmpty { #expect(error.reason.contains(file.reasonContains), "\(error.reason)") }
        }
    }

    @Test func badInputMatrixCoversEveryKind() {
        let kinds = Set(Self.badFiles.map(\.kind))
        #expect(kinds == Set(BarFileError.Kind.allCases).subtracting([.tooManyRows]))
        #expect(Self.badFiles.count >= 18)
    }

    @Test func errorDescriptionNamesFileLineFieldAndReason() {
        let bytes = Array("1704067200,100.2,101.0,101.5,100.5,12.5,7\n".utf8)
        #expect(
            throws: BarFileError(
                fileName: "kraken_XBTUSD_1h.csv", line: 1, field: "low", kind: .invariant,
                reason: "low 101.5 is above min(open, close) 100.2")
        ) {
            try BarCSVParser.parse(
                bytes, fileName: "kraken_XBTUSD_1h.csv", format: .kraken, exchange: "kraken",
                symbol: "XBT/USD", intervalSeconds: 3600)
        }
        let error = BarFileError(
            fileName: "kraken_XBTUSD_1h.csv", line: 17, field: "low", kind: .invariant,
            reason: "low 101.5 is above min(open, close) 100.2")
        #expect(error.description == "kraken_XBTUSD_1h.csv:17: field 'low': low 101.5 is above min(open, close) 100.2")
    }

    @Test func longValuesAreCutInMessages() {
        let long = String(repeating: "9", count: 30) + "x" + String(repeating: "9", count: 40)
        do {
            _ = try Self.parse(Self.ohlcv(["2024-01-01T00:00:00Z,\(long),1,1,1,1"]))
            Issue.record("accepted")
        } catch {
            #expect(error.reason.hasPrefix("'" + long.prefix(BarCSVParser.quotedBytesMax) + "…'"))
        }
    }

    @Test func formatNamesAndColumns() {
        #expect(BarFileFormat(rawValue: "ohlcv") == .ohlcv && BarFileFormat(rawValue: "kraken") == .kraken)
        #expect(BarFileFormat.ohlcv.fieldNames.joined(separator: ",") == BarCSVParser.ohlcvHeader)
        #expect(BarFileFormat.kraken.fieldNames.count == 7)
    }

    // MARK: File names

    @Test(
        "symbol from file name",
        arguments: [
            ("kraken_XBTUSD_1h.csv", "kraken", "XBT/USD", 3600),
            ("kraken_XBTUSD_5m.csv", "kraken", "XBT/USD", 300),
            ("binance_BTCUSDT_1m.csv", "binance", "BTC/USDT", 60),
            ("binance_BTCUSDT_1h.csv", "binance", "BTC/USDT", 3600),
            ("kraken_XBTUSDC_1h.csv", "kraken", "XBT/USDC", 3600),
            ("kraken_XBTUSDT_1h.csv", "kraken", "XBT/USDT", 3600),
            ("kraken_XBTEUR_1d.csv", "kraken", "XBT/EUR", 86_400),
            ("binance_ETHBTC_4h.csv", "binance", "ETH/BTC", 14_400),
            ("kraken_LINKETH_15m.csv", "kraken", "LINK/ETH", 900),
            ("Kraken_xbtusd_1h.csv", "kraken", "XBT/USD", 3600),
            ("/work/shared/data/kraken_ETHUSD_1h.csv", "kraken", "ETH/USD", 3600),
            ("XBTUSD_60.csv", nil, "XBT/USD", 3600),
            ("XBTUSD_5.csv", nil, "XBT/USD", 300),
            ("ETHUSDT_1440.csv", nil, "ETH/USDT", 86_400),
        ] as [(String, String?, String, Int64)])
    func symbolFromFileName(name: String, exchange: String?, symbol: String, interval: Int64) throws {
        let parsed = try #require(BarCSVParser.symbol(fromFileName: name))
        #expect(parsed.exchange == exchange)
        #expect(parsed.symbol == symbol)
        #expect(parsed.intervalSeconds == interval)
    }

    @Test(
        "unrecognised file names",
        arguments: [
            "kraken_XBTUSD_1h.txt", "kraken_XBTUSD.csv", "kraken_XBTUSD_1h", "kraken_USD_1h.csv",
            "kraken_XBTGBP_1h.csv",
            "kraken_XBTUSD_0h.csv", "kraken_XBTUSD_1y.csv", "kraken_XBTUSD_h.csv", "kraken_XBT-USD_1h.csv",
            "a_b_XBTUSD_1h.csv", "_XBTUSD_1h.csv", "manifest.csv", "kraken_XBTUSD_99999m.csv", "kraken_XBTUSD_01h.csv",
        ])
    func unrecognisedFileNames(name: String) {
        #expect(BarCSVParser.symbol(fromFileName: name) == nil)
    }
}
