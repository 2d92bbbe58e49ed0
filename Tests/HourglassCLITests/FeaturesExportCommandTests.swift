import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

/// `features export` on real Kraken bars: its columns, one row per hour and values recomputed here from the
/// CSV bars with formulas of this test's own (the reducer's windows hold 721 closes, so RSI and the 720-hour
/// correlation and beta read that many).
@Suite struct FeaturesExportCommandTests {
    static let start = UTCTimestamp.parse("2022-03-10T00:00:00Z")!
    static let end = UTCTimestamp.parse("2022-03-11T23:00:00Z")!

    struct CSVBar {
        var ts: String
        var high: Double, low: Double, close: Double
    }

    /// The rows of a data file up to and including `through`, in file order.
    static func bars(_ file: String, through: UTCTimestamp) throws -> [CSVBar] {
        let text = try String(contentsOfFile: try TestEnvironment.dataPath(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line -> CSVBar? in
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count >= 6, fields[0] <= through.iso8601 else { return nil }
            return CSVBar(ts: fields[0], high: Double(fields[2])!, low: Double(fields[3])!, close: Double(fields[4])!)
        }
    }

    static func wilder(_ closes: [Double]) -> Double {
        var gain = 0.0
        var loss = 0.0
        for i in 1...14 {
            gain += max(closes[i] - closes[i - 1], 0)
            loss += max(closes[i - 1] - closes[i], 0)
        }
        gain /= 14
        loss /= 14
        for i in 15..<closes.count {
            gain = (gain * 13 + max(closes[i] - closes[i - 1], 0)) / 14
            loss = (loss * 13 + max(closes[i - 1] - closes[i], 0)) / 14
        }
        return 100 - 100 / (1 + gain / loss)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    @Test func theExportHasOneRowPerHourWithTheFeaturesOfThatHour() throws {
        let scratch = try Scratch("export")
        defer { scratch.remove() }
        let database = try TestDatabase.create("export")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: Self.end)))
        let out = scratch.path("eth.csv")
        try cli.succeed([
            "features", "export", "--exchange", "kraken", "--symbol", "ETH/USD",
            "--start-hour-ts-utc", Self.start.iso8601, "--end-hour-ts-utc", Self.end.iso8601,
            "--out", out,
        ])
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(2)) == ["ts_utc", "symbol"])
        for name in [
            "return_1h", "return_4h", "return_24h", "atr14", "rsi14", "realized_volatility", "corr720_btc",
            "beta720_btc",
        ] {
            #expect(header.contains(name), "missing column \(name)")
        }
        #expect(lines.count == 1 + 48, "one row per hour of two days")
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == header.count })

        // Row of 2022-03-10T10:00Z against the bars up to that hour (both files are contiguous here).
        let hour = Self.start.adding(hours: 10)
        let row = try #require(lines.first { $0.hasPrefix(hour.iso8601 + ",") }).split(separator: ",").map(String.init)
        #expect(row[1] == "ETH/USD")
        func value(_ name: String) throws -> Double { try #require(Double(row[header.firstIndex(of: name)!])) }
        let eth = try Self.bars("kraken_ETHUSD_1h.csv", through: hour)
        let btc = try Self.bars("kraken_XBTUSD_1h.csv", through: hour)
        #expect(eth.last?.ts == hour.iso8601 && btc.last?.ts == hour.iso8601)
        let closes = eth.map(\.close)
        let n = closes.count
        #expect(try value("return_1h") == closes[n - 1] / closes[n - 2] - 1)
        #expect(try value("return_4h") == closes[n - 1] / closes[n - 5] - 1)
        #expect(try value("return_24h") == closes[n - 1] / closes[n - 25] - 1)
        var trueRange = 0.0
        for back in 0..<14 {
            let bar = eth[n - 1 - back]
            let previous = closes[n - 2 - back]
            trueRange += max(bar.high - bar.low, abs(bar.high - previous), abs(bar.low - previous))
        }
        #expect(Self.close(try value("atr14"), trueRange / 14))
        let returns = (n - 24..<n).map { closes[$0] / closes[$0 - 1] - 1 }
        let mean = returns.reduce(0, +) / 24
        let deviation = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 23).squareRoot()
        #expect(Self.close(try value("realized_volatility"), deviation))
        #expect(Self.close(try value("rsi14"), Self.wilder(Array(closes.suffix(721)))))
        let a = (n - 720..<n).map { closes[$0] / closes[$0 - 1] - 1 }
        let bc = btc.map(\.close)
        let m = bc.count
        let b = (m - 720..<m).map { bc[$0] / bc[$0 - 1] - 1 }
        let meanA = a.reduce(0, +) / 720
        let meanB = b.reduce(0, +) / 720
        var cov = 0.0
        var varA = 0.0
        var varB = 0.0
        for i in 0..<720 {
            cov += (a[i] - meanA) * (b[i] - meanB)
            varA += (a[i] - meanA) * (a[i] - meanA)
            varB += (b[i] - meanB) * (b[i] - meanB)
        }
        #expect(Self.close(try value("corr720_btc"), cov / (varA * varB).squareRoot()))
        #expect(Self.close(try value("beta720_btc"), cov / varB))
        #expect(try value("beta720_btc") != value("beta_btc"), "the 720-hour beta is not the reducer's 168-hour one")
    }
}
