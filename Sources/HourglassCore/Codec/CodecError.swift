/// Why canonical bytes could not be decoded.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    case truncated(needed: Int, offset: Int)
    case nonCanonicalInteger(offset: Int)
    case integerOverflow(offset: Int)
    case invalidBool(UInt8, offset: Int)
    case invalidUTF8(offset: Int)
    case unknownTag(String, UInt64, offset: Int)
    case trailingBytes(Int)
    case lengthLimit(String, Int)
    case unsupportedVersion(String, UInt8)
    case invalidValue(String)

    public var description: String {
        switch self {
        case .truncated(let needed, let offset): return "truncated: needed \(needed) more byte(s) at offset \(offset)"
        case .nonCanonicalInteger(let offset): return "non-minimal integer encoding at offset \(offset)"
        case .integerOverflow(let offset): return "integer overflow at offset \(offset)"
        case .invalidBool(let byte, let offset): return "invalid boolean byte \(byte) at offset \(offset)"
        case .invalidUTF8(let offset): return "invalid UTF-8 at offset \(offset)"
        case .unknownTag(let what, let tag, let offset): return "unknown \(what) tag \(tag) at offset \(offset)"
        case .trailingBytes(let count): return "\(count) trailing byte(s) after the value"
        case .lengthLimit(let what, let length): return "\(what) length \(length) exceeds its limit"
        case .unsupportedVersion(let what, let version): return "unsupported \(what) encoding version \(version)"
        case .invalidValue(let reason): return "invalid value: \(reason)"
        }
    }
}
