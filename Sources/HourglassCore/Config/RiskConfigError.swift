/// Why a risk configuration was refused.
public enum RiskConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON names a key the configuration does not have (dotted path).
    case unknownKey(String)
    /// The JSON value of a key has the wrong type.
    case wrongType(key: String, expected: String)
    /// A value is outside its allowed range.
    case invalidValue(key: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let key):
            return "unknown risk config key '\(key)'; remove it or check its spelling against `RiskConfig.default.json`"
        case .wrongType(let key, let expected):
            return "risk config key '\(key)' must be \(expected)"
        case .invalidValue(let key, let reason):
            return "risk config key '\(key)' is invalid: \(reason)"
        }
    }
}
