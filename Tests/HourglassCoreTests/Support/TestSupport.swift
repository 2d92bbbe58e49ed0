import Foundation

@testable import HourglassCore

/// Helpers shared by the core tests: where the real data lives, and hex for golden vectors.
enum TestSupport {
    /// The real bar CSVs: `HOURGLASS_DATA` when set, else `<repo>/../shared/data`, where the repo
    /// root is the first folder above this file that holds `Package.swift`.
    static var dataDirectory: URL {
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

    /// The bytes of a data file; a missing file fails loudly with the folder it looked in.
    static func dataFile(_ name: String) throws -> [UInt8] {
        let url = dataDirectory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MissingData(path: url.path)
        }
        return [UInt8](data)
    }

    struct MissingData: Error, CustomStringConvertible {
        let path: String
        var description: String { "data file not found: \(path) (set HOURGLASS_DATA to the shared data folder)" }
    }

    /// Lowercase hex of bytes.
    static func hex(_ bytes: [UInt8]) -> String { Hash256.hex(bytes) }

    /// Bytes of a hex string (whitespace ignored); traps on bad input, which is a broken test.
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8.filter { $0 != 0x20 && $0 != 0x0A })
        precondition(digits.count % 2 == 0, "odd hex length")
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
        }
    }

    /// A `FixedDecimal` from text that the test knows is valid.
    static func decimal(_ text: String) -> FixedDecimal {
        do { return try FixedDecimal.parse(text) } catch {
            fatalError("bad decimal literal in test: \(text): \(error)")
        }
    }

    /// A timestamp from text that the test knows is valid.
    static func timestamp(_ text: String) -> UTCTimestamp {
        guard let value = UTCTimestamp.parse(text) else { fatalError("bad timestamp literal in test: \(text)") }
        return value
    }

    /// A plausible bar for codec and determinism tests.
    static func sampleBar(hour: Int64 = 0) -> Bar {
        Bar(
            exchange: "kraken", symbol: "XBT/USD", openTs: timestamp("2024-01-01T00:00:00Z").adding(hours: hour),
            intervalSeconds: 3600, openPrice: decimal("42000.5"), highPrice: decimal("42100"),
            lowPrice: decimal("41950.25"), closePrice: decimal("42050.125"), volumeBase: decimal("12.345678901234"))
    }
}
