import ArgumentParser
import Foundation
import HourglassCore

/// `hourglass manifest-diff`: compare two JSON Lines files of manifests.
struct ManifestDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest-diff",
        abstract: "Compare two manifest files (one canonical JSON manifest per line).",
        discussion:
            "Exits 0 when identical; 1 naming the first differing hour and the differing keys; 2 when a file cannot be read or parsed."
    )

    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    @Argument(help: "The expected manifests (e.g. a golden file).")
    var expected: String

    @Argument(help: "The actual manifests.")
    var actual: String

    func run() throws {
        try runReportingErrors {
            let left = try ManifestLines.read(expected)
            let right = try ManifestLines.read(actual)
            guard let difference = ManifestLines.firstDifference(left, right) else {
                if json {
                    Console.printJSON(.object(["identical": .bool(true), "hours": .int(Int64(left.count))]))
                } else {
                    Console.print("IDENTICAL \(left.count) manifests")
                }
                return
            }
            if json {
                Console.printJSON(
                    .object([
                        "identical": .bool(false), "line": .int(Int64(difference.line)),
                        "hour_ts_utc": difference.hour.map { .string($0) } ?? .null,
                        "keys": .array(difference.keys.map { .string($0) }),
                    ]))
            } else {
                Console.print(
                    "DIFFERENT at line \(difference.line) (hour \(difference.hour ?? "?")): \(difference.keys.joined(separator: ", "))"
                )
                for detail in difference.details.prefix(20) { Console.print("  \(detail)") }
            }
            throw ExitCode.divergence
        }
    }
}

/// Reading and comparing JSON Lines manifest files.
enum ManifestLines {
    struct Difference {
        var line: Int
        var hour: String?
        var keys: [String]
        var details: [String]
    }

    static func read(_ path: String) throws -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.input("\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.input("\(path): not UTF-8") }
        var values: [JSONValue] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty { continue }
            do { values.append(try JSONValue.parse(String(trimmed))) } catch {
                throw CLIError.input("\(path):\(index + 1): not a JSON manifest: \(error)")
            }
        }
        return values
    }

    static func firstDifference(_ left: [JSONValue], _ right: [JSONValue]) -> Difference? {
        for index in 0..<max(left.count, right.count) {
            guard index < left.count, index < right.count else {
                let extra = index < left.count ? left[index] : right[index]
                return Difference(
                    line: index + 1, hour: hour(extra), keys: ["<missing line>"],
                    details: ["expected has \(left.count) manifests, actual has \(right.count)"])
            }
            if left[index] == right[index] { continue }
            var details: [String] = []
            ReplayComparison.jsonDifferences(left[index], right[index], path: "", into: &details)
            let keys = Set(details.map { String($0.dropFirst().prefix { $0 != ":" && $0 != "." && $0 != "[" }) })
                .sorted()
            return Difference(
                line: index + 1, hour: hour(left[index]) ?? hour(right[index]), keys: keys, details: details)
        }
        return nil
    }

    static func hour(_ value: JSONValue) -> String? {
        if case .string(let text)? = value["hour_ts_utc"] { return text }
        return nil
    }
}
