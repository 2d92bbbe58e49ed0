import HourglassCore

/// Why the event log refused or could not complete an operation.
public enum EventLogError: Error, CustomStringConvertible {
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: Int64)
    case corruptPayload(seq: Int64, reason: String)
    case payloadHashMismatch(seq: Int64)
    case unknownEventType(seq: Int64, name: String)
    case invalidRunId(String)

    public var description: String {
        switch self {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            let wanted: String
            switch expected {
            case .any: wanted = "any version"
            case .noStream: wanted = "no stream"
            case .exactly(let version): wanted = "version \(version)"
            }
            return
                "stream \(stream) is at version \(actual), but the append expected \(wanted); reload the stream and retry"
        case .corruptPayload(let seq, let reason): return "event \(seq) has a corrupt payload: \(reason)"
        case .payloadHashMismatch(let seq): return "event \(seq): payload does not match payload_sha256"
        case .unknownEventType(let seq, let name): return "event \(seq) has unknown type \(name); use a newer hourglass"
        case .invalidRunId(let text): return "run id \(text) is not a UUID"
        }
    }
}
