/// The circuit breaker's levels, from calm to halted; the raw value is what events record.
public enum BreakerLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Trading as configured.
    case normal = "NORMAL"
    /// Something degraded: watched, sizes unchanged.
    case alert = "ALERT"
    /// Sizes are multiplied by `throttleMultiplier` (halved by default).
    case throttle = "THROTTLE"
    /// No new entries.
    case halt = "HALT"

    /// 0 (NORMAL) … 3 (HALT): the canonical encoding.
    public var rank: UInt8 {
        switch self {
        case .normal: return 0
        case .alert: return 1
        case .throttle: return 2
        case .halt: return 3
        }
    }

    /// The level of a rank, if valid.
    public init?(rank: UInt8) {
        guard let level = Self.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = level
    }

    public static func < (lhs: BreakerLevel, rhs: BreakerLevel) -> Bool { lhs.rank < rhs.rank }
}
