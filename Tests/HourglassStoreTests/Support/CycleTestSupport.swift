import Foundation
import HourglassCore
import HourglassTestSupport
import Synchronization

@testable import HourglassStore

/// Why a cycle test could not set itself up. Thrown (never skipped), so a missing server or data
/// folder fails the test with a sentence saying what to do.
struct CycleTestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the cycle tests find their server, their data and the repository.
enum CycleTestEnvironment {
    /// The admin DSN from `HOURGLASS_DSN`; the tests create and drop their own databases with it.
    static func adminDSN() throws -> String {
        do { return try TestEnvironment.adminDSN() } catch { throw CycleTestSetupError("\(error)") }
    }

    /// The repository root (see `TestEnvironment`).
    static var repositoryRoot: URL { TestEnvironment.repositoryRoot }

    /// The real bar files: `HOURGLASS_DATA`, else `<repo>/../shared/data`.
    static var dataDirectory: URL { TestEnvironment.dataDirectory }
}

/// Slices of the five Kraken hourly files, so a test ingests weeks, not years.
enum CycleMarketData {
    /// The five pairs the default config trades, with their file names.
    static let pairs: [(symbol: String, file: String)] = [
        ("BCH/USD", "kraken_BCHUSD_1h.csv"), ("ETH/USD", "kraken_ETHUSD_1h.csv"), ("LTC/USD", "kraken_LTCUSD_1h.csv"),
        ("XBT/USD", "kraken_XBTUSD_1h.csv"), ("XRP/USD", "kraken_XRPUSD_1h.csv"),
    ]
    /// History ingested before a window: the features need weeks of bars.
    static let historyDays: Int64 = 40

    /// One data file split into lines once per test process (debug-build splitting of the multi-year files
    /// was a fifth of some suites' time): its header and its rows with their hour stamps.
    struct Lines: Sendable {
        let header: Substring
        let stamps: [String]
        let rows: [Substring]
        /// True when the stamps ascend, so a window is found by binary search.
        let ascending: Bool
    }
    private static let cache = Mutex<[String: Lines]>([:])

    static func lines(_ file: String) throws -> Lines {
        if let cached = cache.withLock({ $0[file] }) { return cached }
        let url = CycleTestEnvironment.dataDirectory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CycleTestSetupError(
                "cannot read \(url.path): set HOURGLASS_DATA to the folder of the Kraken 1h CSV files")
        }
        let text = String(decoding: data, as: UTF8.self)
        let all = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = all.first, header.hasPrefix("ts_utc,") else {
            throw CycleTestSetupError("\(file) has no ts_utc header")
        }
        let rows = Array(all.dropFirst())
        let stamps = rows.map { String($0.prefix(20)) }
        let ascending = stamps.indices.dropFirst().allSatisfy { stamps[$0 - 1] < stamps[$0] }
        let lines = Lines(header: header, stamps: stamps, rows: rows, ascending: ascending)
        cache.withLock { $0[file] = lines }
        return lines
    }

    /// The header and the rows of `file` whose hour is in `from...through`.
    static func slice(_ file: String, from: UTCTimestamp, through: UTCTimestamp) throws -> String {
        let lines = try lines(file)
        let low = from.iso8601
        let high = through.iso8601
        let rows: [Substring]
        if lines.ascending {
            func firstIndex(notBelow bound: String, orAbove: Bool) -> Int {
                var lowIndex = 0
                var highIndex = lines.stamps.count
                while lowIndex < highIndex {
                    let middle = (lowIndex + highIndex) / 2
                    let stamp = lines.stamps[middle]
                    if orAbove ? stamp <= bound : stamp < bound { lowIndex = middle + 1 } else { highIndex = middle }
                }
                return lowIndex
            }
            let first = firstIndex(notBelow: low, orAbove: false)
            let end = max(first, firstIndex(notBelow: high, orAbove: true))
            rows = Array(lines.rows[first..<end])
        } else {
            rows = lines.rows.indices.filter { lines.stamps[$0] >= low && lines.stamps[$0] <= high }.map {
                lines.rows[$0]
            }
        }
        return ([lines.header] + rows).joined(separator: "\n") + "\n"
    }

    /// Ingests the five pairs from `historyDays` before `from` through `through`, in-process.
    static func ingest(into log: EventLog, from: UTCTimestamp, through: UTCTimestamp) throws {
        let first = from.adding(hours: -historyDays * 24)
        for pair in pairs {
            let text = try slice(pair.file, from: first, through: through)
            let parsed = try BarCSVParser.parse(
                Array(text.utf8), fileName: pair.file, format: .ohlcv, exchange: "kraken",
                symbol: pair.symbol, intervalSeconds: 3600)
            guard !parsed.bars.isEmpty else {
                throw CycleTestSetupError("\(pair.file) has no bars from \(first) through \(through)")
            }
            _ = try BarIngestor(log: log).ingest(parsed.bars)
        }
    }
}
