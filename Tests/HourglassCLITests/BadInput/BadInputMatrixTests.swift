import Foundation
import HourglassTestSupport
import Testing

/// One malformed input file and where its error must point. `line` is nil where the error names
/// a configuration key rather than a line (the JSON value has no positions once parsed).
struct MalformedFile: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable {
        case bars(String)
        case config
    }

    let name: String
    let kind: Kind
    let bytes: [UInt8]
    let line: Int?
    let field: String

    var testDescription: String { name }

    static let header = "ts_utc,open,high,low,close,volume"
    static let row1 = "2024-01-01T00:00:00Z,100.5,101,99.5,100,12.5"
    static let kraken1 = "1704067200,100.5,101,99.5,100,12.5,7"

    /// An ohlcv file: the header, row1, then `rows` (a bad first row sits on line 3).
    static func ohlcv(_ name: String, _ rows: [String], line: Int, field: String, header: String = header)
        -> MalformedFile
    {
        MalformedFile(
            name: name, kind: .bars("ohlcv"), bytes: Array(([header, row1] + rows).map { $0 + "\n" }.joined().utf8),
            line: line, field: field)
    }

    static func kraken(_ name: String, _ rows: [String], line: Int, field: String) -> MalformedFile {
        MalformedFile(
            name: name, kind: .bars("kraken"), bytes: Array(rows.map { $0 + "\n" }.joined().utf8), line: line,
            field: field)
    }

    static func config(_ name: String, _ text: String, line: Int? = nil, field: String) -> MalformedFile {
        MalformedFile(name: name, kind: .config, bytes: Array(text.utf8), line: line, field: field)
    }

    /// Bar files beyond `IngestBadInputTests`' cases: bytes, spacing, quoting and calendar edges.
    static let bars: [MalformedFile] = [
        ohlcv("NUL byte in a value", ["2024-01-01T01:00:00Z,100,102,99,101.25,3\u{0}"], line: 3, field: "volume"),
        ohlcv("space before a value", ["2024-01-01T01:00:00Z, 100,102,99,101.25,3"], line: 3, field: "open"),
        ohlcv("lower-case z in the timestamp", ["2024-01-01T01:00:00z,100,102,99,101.25,3"], line: 3, field: "ts_utc"),
        ohlcv("hexadecimal price", ["2024-01-01T01:00:00Z,0x64,102,99,101.25,3"], line: 3, field: "open"),
        ohlcv("tab-separated row", ["2024-01-01T01:00:00Z\t100\t102\t99\t101.25\t3"], line: 3, field: "columns"),
        ohlcv("quoted number", ["2024-01-01T01:00:00Z,\"100\",102,99,101.25,3"], line: 3, field: "open"),
        ohlcv("29 February of a common year", ["2023-02-29T01:00:00Z,100,102,99,101.25,3"], line: 3, field: "ts_utc"),
        ohlcv("hour 24", ["2024-01-01T24:00:00Z,100,102,99,101.25,3"], line: 3, field: "ts_utc"),
        ohlcv("trailing comma", ["2024-01-01T01:00:00Z,100,102,99,101.25,3,"], line: 3, field: "columns"),
        ohlcv(
            "price with 21 integer digits", ["2024-01-01T01:00:00Z,100,999999999999999999999,99,101.25,3"], line: 3,
            field: "high"),
        ohlcv("a row of empty fields", [",,,,,"], line: 3, field: "ts_utc"),
        ohlcv("header with a trailing space", [], line: 1, field: "header", header: header + " "),
        ohlcv("upper-case header", [], line: 1, field: "header", header: "TS_UTC,open,high,low,close,volume"),
        kraken("kraken fractional seconds", ["1704067200.0,100.5,101,99.5,100,12.5,7"], line: 1, field: "unix_seconds"),
        kraken("kraken zero open", [kraken1, "1704070800,0,102,99,101.25,3,4"], line: 2, field: "open"),
        kraken("kraken negative volume", [kraken1, "1704070800,100,102,99,101.25,-3,4"], line: 2, field: "volume"),
        kraken(
            "kraken duplicate timestamp", [kraken1, "1704067200,100,102,99,101.25,3,4"], line: 2,
            field: "unix_seconds"),
        kraken("kraken negative trade count", ["1704067200,100.5,101,99.5,100,12.5,-7"], line: 1, field: "trades"),
    ]

    /// Engine config files given to `--config`: syntax errors name line and column, the rest the key.
    static let configs: [MalformedFile] = [
        config("empty config", "", line: 1, field: "line 1, column 1"),
        config("unclosed object", "{", line: 1, field: "line 1, column 2"),
        config("trailing comma in the config", "{\n  \"fee_rate\": \"0.001\",\n}", line: 3, field: "line 3, column 1"),
        config("comment in the config", "{\n// cheaper\n\"fee_rate\": \"0.001\"}", line: 2, field: "line 2, column 1"),
        config("duplicate key", "{\"fee_rate\": \"0.001\", \"fee_rate\": \"0.002\"}", line: 1, field: "fee_rate"),
        config(
            "NaN in the config", "{\"regime\": {\"crash_return_4h_max\": NaN}}", line: 1, field: "line 1, column 36"),
        config("number beyond a double", "{\"features\": {\"atr_hours\": 1e999}}", line: 1, field: "line 1, column 28"),
        config("byte-order mark", "\u{FEFF}{}", line: 1, field: "line 1, column 1"),
        MalformedFile(
            name: "config not UTF-8", kind: .config, bytes: Array("{\"exchange\": \"kr".utf8) + [0xFF, 0x22, 0x7D],
            line: 1, field: "line 1, column 17"),
        config("config is an array", "[]", field: "<root>"),
        config("unknown key", "{\"fee_rat\": \"0.001\"}", field: "fee_rat"),
        config("unknown nested key", "{\"limits\": {\"max_open_position\": 3}}", field: "limits.max_open_position"),
        config("unknown risk key", "{\"risk\": {\"nonsense\": 1}}", field: "risk.nonsense"),
        config("unknown slippage key", "{\"slippage\": {\"x\": 1}}", field: "slippage.x"),
        config("negative initial cash", "{\"initial_cash\": \"-5\"}", field: "initial_cash"),
        config("fee rate of 150%", "{\"fee_rate\": \"1.5\"}", field: "fee_rate"),
        config("quote decimals out of range", "{\"quote_decimals\": 13}", field: "quote_decimals"),
        config("closed trades kept 0", "{\"closed_trades_kept\": 0}", field: "closed_trades_kept"),
        config("universe not an array", "{\"universe\": \"XBT/USD\"}", field: "universe"),
        config("universe without the BTC symbol", "{\"universe\": [\"DOGE/USD\"]}", field: "btc_symbol"),
        config("run seed not a number", "{\"run_seed\": \"abc\"}", field: "run_seed"),
        config("boolean as text", "{\"governance_enabled\": \"yes\"}", field: "governance_enabled"),
        config("pair rule not an object", "{\"pairs\": [3]}", field: "pairs[0]"),
        config(
            "pairs missing a traded symbol",
            "{\"pairs\": [{\"symbol\": \"XBT/USD\", \"lot_decimals\": 8, \"min_order\": \"0.1\"}]}", field: "pairs"),
        config(
            "unknown key on line 4",
            "{\n  \"fee_rate\": \"0.001\",\n  \"limits\": {\n    \"max_open_position\": 3\n  }\n}",
            field: "limits.max_open_position"),
        config("bad value on line 3", "{\n  \"initial_cash\": \"100\",\n  \"fee_rate\": \"1.5\"\n}", field: "fee_rate"),
        config("unknown risk key on line 3", "{\n  \"risk\": {\n    \"nonsense\": 1\n  }\n}", field: "risk.nonsense"),
    ]

    /// The line a key error must name, found here by text search (independently of the CLI's
    /// JSON scan): the first line holding `"key":` for the path's last key; nil when the key is
    /// not in the file (the error then names the file only).
    static func expectedLine(of field: String, in bytes: [UInt8]) -> Int? {
        let last = field.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? field
        let text = String(decoding: bytes, as: UTF8.self)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains("\"\(last)\":") {
            return number + 1
        }
        return nil
    }
}

/// Every malformed bar or config file exits 2 with one clear line naming the file, the line (or
/// the configuration key) and the field, and the log keeps exactly the events it had.
@Suite("Bad input matrix")
struct BadInputMatrixTests {
    static let goodBars = [MalformedFile.header, MalformedFile.row1, "2024-01-01T01:00:00Z,100,102,99,101.25,3"]

    @Test("the matrix has at least 25 inputs, bar files and config files")
    func matrixSize() {
        #expect(MalformedFile.bars.count + MalformedFile.configs.count >= 25)
        #expect(MalformedFile.bars.count >= 10 && MalformedFile.configs.count >= 10)
    }

    @Test("a malformed bar file: exit 2, file:line and field, 0 events written", arguments: MalformedFile.bars)
    func badBars(_ input: MalformedFile) throws {
        guard case .bars(let format) = input.kind, let line = input.line else {
            Issue.record("not a bar case")
            return
        }
        try TestDatabase.with { (db) throws in
            try Scratch.with { (folder) throws in
                let good = try CLI.run(
                    ["ingest-bars", "--file", try folder.write("kraken_ETHUSD_1h.csv", lines: Self.goodBars)],
                    dsn: db.dsn)
                try #require(good.status == 0, "\(good)")
                let before = try db.eventCount()
                let bad = try folder.write("kraken_XBTUSD_1h.csv", input.bytes)
                let result = try CLI.run(["ingest-bars", "--format", format, "--file", bad], dsn: db.dsn)
                #expect(result.status == 2, "\(result)")
                #expect(
                    result.stderr.contains("kraken_XBTUSD_1h.csv:\(line): field '\(input.field)'"), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "one clear line: \(result.stderr)")
                #expect(try db.eventCount() == before)
                #expect(try db.barCount() == before)
            }
        }
    }

    @Test(
        "a malformed --config: exit 2, the file and its line or key, 0 events written", arguments: MalformedFile.configs
    )
    func badConfig(_ input: MalformedFile) throws {
        try TestDatabase.with { (db) throws in
            try Scratch.with { (folder) throws in
                let good = try CLI.run(
                    ["ingest-bars", "--file", try folder.write("kraken_XBTUSD_1h.csv", lines: Self.goodBars)],
                    dsn: db.dsn)
                try #require(good.status == 0, "\(good)")
                let before = try db.eventCount()
                let path = try folder.write("engine.json", input.bytes)
                for command in ["execute-hour", "execute-window"] {
                    let hours =
                        command == "execute-hour"
                        ? ["--hour-ts-utc", "2024-01-01T00:00:00Z"]
                        : ["--start-hour-ts-utc", "2024-01-01T00:00:00Z", "--end-hour-ts-utc", "2024-01-01T01:00:00Z"]
                    let result = try CLI.run(
                        [command, "--account-id", "bad-config", "--run-mode", "BACKTEST", "--config", path] + hours,
                        dsn: db.dsn)
                    #expect(result.status == 2, "\(command): \(result)")
                    if input.line == nil, let line = MalformedFile.expectedLine(of: input.field, in: input.bytes) {
                        #expect(
                            result.stderr.hasPrefix("\(path):\(line): "),
                            "\(command) must name the file and the key's line \(line): \(result.stderr)")
                    } else {
                        #expect(
                            result.stderr.hasPrefix("\(path): "), "\(command) must name the file: \(result.stderr)")
                    }
                    if input.line != nil {
                        #expect(
                            result.stderr.contains(input.field), "\(command) must name \(input.field): \(result.stderr)"
                        )
                    } else {
                        #expect(
                            result.stderr.contains("'\(input.field)'"), "\(command) must name the key: \(result.stderr)"
                        )
                    }
                    #expect(result.stderr.split(separator: "\n").count == 1, "one clear line: \(result.stderr)")
                    #expect(try db.eventCount() == before, "\(command) wrote events")
                }
            }
        }
    }
}
