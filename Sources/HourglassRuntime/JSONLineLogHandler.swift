import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to stderr: `ts`, `level`, `label`,
/// `message` and the metadata (`run.id`, `hour.ts`, `outcome`, …), keys sorted.
public struct JSONLineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    /// A handler for `label`.
    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [
            "ts": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue,
            "label": label, "message": "\(event.message)",
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        let body = fields.keys.sorted().map { "\(Self.quote($0)):\(Self.quote(fields[$0]!))" }.joined(separator: ",")
        FileHandle.standardError.write(Data(("{" + body + "}\n").utf8))
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// How the runner's logs look: text (swift-log's stream handler) or JSON lines.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// A logger for `label` in this format, writing to stderr.
    public func logger(label: String) -> Logger {
        switch self {
        case .text: return Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        case .json: return Logger(label: label) { JSONLineLogHandler(label: $0) }
        }
    }
}
