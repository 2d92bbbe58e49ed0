import Foundation
import HourglassCore
import HourglassTestSupport
import Synchronization

@testable import HourglassStore

/// Slices of the five Kraken hourly files written to a folder, named as the data folder names
/// them (`kraken_XBTUSD_1h.csv`), so `ingest-bars` reads exchange and symbol from the names.
enum CycleCLIMarketData {
    static let files = [
        "kraken_BCHUSD_1h.csv", "kraken_ETHUSD_1h.csv", "kraken_LTCUSD_1h.csv", "kraken_XBTUSD_1h.csv",
        "kraken_XRPUSD_1h.csv",
    ]
    /// History written before a window: the features need weeks of bars.
    static let historyDays: Int64 = 40

    /// Writes the rows from `historyDays` before `from` through `through`; returns the paths.
    static func writeSlices(to scratch: Scratch, from: UTCTimestamp, through: UTCTimestamp) throws -> [String] {
        let low = from.adding(hours: -historyDays * 24).iso8601
        let high = through.iso8601
        var paths: [String] = []
        for file in files {
            let url = TestEnvironment.dataDirectory.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CLIFailure("cannot read \(url.path): set HOURGLASS_DATA to the folder of the Kraken 1h CSV files")
            }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first, header.hasPrefix("ts_utc,") else {
                throw CLIFailure("\(file) has no ts_utc header")
            }
            let rows = lines.dropFirst().filter { line in
                let stamp = String(line.prefix(20))
                return stamp >= low && stamp <= high
            }
            guard !rows.isEmpty else { throw CLIFailure("\(file) has no rows from \(low) through \(high)") }
            let path = scratch.path(file)
            try (([header] + rows).joined(separator: "\n") + "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        return paths
    }

    /// `ingest-bars` arguments for the slices.
    static func ingestArguments(_ paths: [String]) -> [String] {
        ["ingest-bars", "--exchange", "kraken"] + paths.flatMap { ["--file", $0] }
    }
}

/// SplitMix64 with a fixed seed: the kill moments are random but the same in every run.
struct CycleSplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
