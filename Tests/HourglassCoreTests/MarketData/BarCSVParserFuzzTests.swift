import Testing

@testable import HourglassCore

/// Seeded random inputs for the bar CSV parser, both formats: byte-level mutations of small good
/// files and whole fields replaced by troublesome tokens. No input may crash; a refused file
/// throws a `BarFileError` naming a line inside the file and a field of the format; an accepted
/// file has one bar per row, on the hour, strictly increasing, every bar within its invariants.
/// CI runs 60,000 inputs; set `HOURGLASS_FUZZ_INPUTS` for more (`Scripts/fuzz`).
@Suite("Bar CSV parser fuzz")
struct BarCSVParserFuzzTests {
    static let seed: UInt64 = 0x6373_7666_757A  // 'csvfuz'

    static let ohlcvRows = [
        BarCSVParser.ohlcvHeader,
        "2024-01-01T00:00:00Z,100.0,101.0,99.5,100.5,12.5",
        "2024-01-01T01:00:00Z,100.5,102.0,100.0,101.5,3.25",
        "2024-01-01T03:00:00Z,101.5,101.5,101.5,101.5,0",
        "2024-01-01T04:00:00Z,0.00001234,0.00001300,0.00001200,0.00001250,123456789.12345678",
    ]
    static let krakenRows = [
        "1704067200,100.0,101.0,99.5,100.5,12.5,7",
        "1704070800,100.5,102.0,100.0,101.5,3.25,2",
        "1704078000,101.5,101.5,101.5,101.5,0,0",
        "1704081600,0.00001234,0.00001300,0.00001200,0.00001250,123456789.12345678,99",
    ]
    /// Field values that have broken parsers: empty, signs, exponents, specials, huge, odd times.
    static let tokens = [
        "", " ", "0", "-0", "+1", "-1", "1e3", "1E-3", "0x10", "NaN", "inf", "-inf", ".5", "5.", "1.2.3", "1,5",
        "00000000000000000000000000000000000001", "99999999999999999999999999999999999999999",
        "0.000000000000000000001",
        "1704067200", "-1704067200", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "2024-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:60Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:00:00Z", "2024-01-01T00:00:00", "2024-01-01T00:00:00+00:00",
        "2024-01-01t00:00:00z", "\"100\"", "\u{00e9}", "\u{FEFF}100", "1\r", "\t1", "1_000", "١٢٣",
    ]

    /// A file as lines: one of its fields replaced by a token, a line dropped, doubled or swapped.
    static func tokenMutation(_ rows: [String], _ input: inout FuzzInput) -> [UInt8] {
        var lines = rows
        for _ in 0...input.below(3) {
            let index = input.below(lines.count)
            switch input.below(5) {
            case 0, 1, 2:
                var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[input.below(fields.count)] = tokens[input.below(tokens.count)]
                lines[index] = fields.joined(separator: ",")
            case 3: lines.insert(lines[index], at: input.below(lines.count + 1))
            default:
                if lines.count > 1 { lines.swapAt(index, input.below(lines.count)) } else { lines.remove(at: index) }
            }
        }
        let separator = input.below(8) == 0 ? "\r\n" : "\n"
        return Array(lines.joined(separator: separator).utf8) + (input.below(4) == 0 ? [] : Array(separator.utf8))
    }

    @Test("random files parse to valid bars or throw a BarFileError naming line and field")
    func randomFiles() {
        var input = FuzzInput(seed: Self.seed)
        let inputs = FuzzInput.count(fallback: 60_000)
        var accepted = 0
        var refused = 0
        for index in 0..<inputs {
            let format: BarFileFormat = index % 2 == 0 ? .ohlcv : .kraken
            let rows = format == .ohlcv ? Self.ohlcvRows : Self.krakenRows
            let bytes =
                input.below(2) == 0
                ? Self.tokenMutation(rows, &input)
                : input.mutate(Array((rows.joined(separator: "\n") + "\n").utf8))
            let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            do throws(BarFileError) {
                let result = try BarCSVParser.parse(
                    bytes, fileName: "fuzz.csv", format: format, exchange: "kraken",
                    symbol: "XBT/USD", intervalSeconds: 3600)
                accepted += 1
                guard Self.valid(result) else {
                    let text = String(decoding: bytes, as: UTF8.self)
                    Issue.record("input \(index) (seed \(Self.seed)) was accepted with invalid bars: \(text)")
                    return
                }
            } catch {
                refused += 1
                let fieldNames = Set(format.fieldNames + ["header", "columns", "encoding", "file"])
                guard error.fileName == "fuzz.csv", error.line >= 1, error.line <= lineCount + 1,
                    fieldNames.contains(error.field), !error.reason.isEmpty,
                    error.description.hasPrefix("fuzz.csv:\(error.line): field '\(error.field)': ")
                else {
                    Issue.record(
                        "input \(index): an unclear error \(error) for \(String(decoding: bytes, as: UTF8.self))")
                    return
                }
            }
        }
        #expect(accepted + refused == inputs)
        #expect(refused > inputs / 4)
        #expect(accepted > 0)
    }

    /// One bar per row, each on the hour after the previous one, within its price invariants.
    static func valid(_ result: BarFileParseResult) -> Bool {
        guard result.rowCount == result.bars.count, !result.bars.isEmpty else { return false }
        var previous: Int64?
        for bar in result.bars {
            let ts = bar.openTs.secondsSinceEpoch
            if ts % 3600 != 0 || bar.violation != nil || bar.intervalSeconds != 3600 { return false }
            if let previous, ts <= previous { return false }
            previous = ts
        }
        return true
    }
}
