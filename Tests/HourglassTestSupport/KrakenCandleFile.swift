import Foundation
import HourglassCore

/// Real Kraken hourly bars from the shared data folder, as the rows of Kraken's `OHLC` answer
/// (`[time, open, high, low, close, vwap, volume, count]` as text), for the loopback test server.
public enum KrakenCandleFile {
    /// The rows of `file` (`kraken_XBTUSD_1h.csv`) opening in `from...through`. VWAP is taken as
    /// the close and the trade count as 1: the files do not carry them and the engine ignores them.
    public static func candles(_ file: String, from: UTCTimestamp, through: UTCTimestamp) throws -> [[String]] {
        let path = TestEnvironment.dataDirectory.appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TestEnvironment.MissingData(path: path)
        }
        var rows: [[String]] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 6, let ts = UTCTimestamp.parse(fields[0]) else { continue }
            guard ts >= from, ts <= through else { continue }
            rows.append([
                String(ts.secondsSinceEpoch), fields[1], fields[2], fields[3], fields[4], fields[4], fields[5], "1",
            ])
        }
        return rows
    }
}
