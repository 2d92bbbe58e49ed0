/// Why a JSON configuration could not be turned into an `EngineConfig`.
public enum EngineConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key the configuration does not know (path like `limits.max_positions`).
    case unknownKey(String)
    /// A value of the wrong JSON type.
    case wrongType(String, expected: String)
    /// A value of the right type that is out of range or inconsistent.
    case invalidValue(String, reason: String)

    /// The dotted path of the key the error is about.
    public var keyPath: String {
        switch self {
        case .unknownKey(let path), .wrongType(let path, _), .invalidValue(let path, _): return path
        }
    }

    public var description: String {
        switch self {
        case .unknownKey(let path):
            return
                "unknown configuration key '\(path)'; remove it or check its spelling against `EngineConfig.default.json`"
        case .wrongType(let path, let expected):
            return "configuration key '\(path)' must be \(expected)"
        case .invalidValue(let path, let reason):
            return "configuration key '\(path)' is invalid: \(reason)"
        }
    }
}
