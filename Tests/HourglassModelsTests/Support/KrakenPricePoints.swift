import Foundation
import HourglassCore
import HourglassModels

/// Real Kraken hourly bars from `../shared/data` (or `HOURGLASS_DATA`) as `PricePoint`s, read in tests only.
enum KrakenPricePoints {
    /// The data folder: `HOURGLASS_DATA`, else `<repo>/../shared/data` (repo = first folder above with Package.swift).
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["HOURGLASS_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
            }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath); set HOURGLASS_DATA")
    }

    /// Bars of `file` (e.g. `kraken_XBTUSD_1h.csv`) opening in `from ... to`, in file order.
    static func points(_ file: String, from: String, to: String) -> [PricePoint] {
        let url = directory.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("cannot read \(url.path); set HOURGLASS_DATA to the shared data folder")
        }
        var points: [PricePoint] = []
        for line in text.split(separator: "\n").dropFirst() {
            let prefix = String(line.prefix(20))
            guard prefix >= from, prefix <= to else { continue }
            let fields = line.split(separator: ",")
            guard fields.count == 6, let ts = UTCTimestamp.parse(String(fields[0])),
                let high = Double(fields[2]), let low = Double(fields[3]), let close = Double(fields[4])
            else {
                fatalError("\(file): bad line \(line)")
            }
            points.append(PricePoint(hourTs: ts, high: high, low: low, close: close))
        }
        precondition(!points.isEmpty, "\(file) has no bars in \(from) … \(to)")
        return points
    }

    static func ts(_ text: String) -> UTCTimestamp { UTCTimestamp.parse(text)! }
}
