/// The validation result of one universe symbol's bar for hour H.
public struct BarCheck: Sendable, Hashable {
    public var symbol: String
    /// The bar, when present and valid.
    public var bar: Bar?
    /// Why there is no usable bar (`missing`, or the broken invariant), nil when valid.
    public var problem: String?

    /// True when the bar can be used.
    public var isValid: Bool { bar != nil }
    /// True when there is no bar at all (as opposed to an invalid one): what the gap policy carries over.
    public var isMissing: Bool { bar == nil && problem == Self.missingProblem }
    /// `problem` of a missing bar.
    public static let missingProblem = "missing"

    /// Checks every universe symbol's bar in `inputs` (one result per universe symbol, sorted).
    /// Structural mistakes by the caller (unsorted, duplicated, wrong hour, unknown symbol) trap.
    public static func checks(inputs: HourInputs, config: EngineConfig) -> [BarCheck] {
        let bars = inputs.bars
        precondition(
            zip(bars, bars.dropFirst()).allSatisfy { $0.symbol < $1.symbol },
            "input bars must be sorted by symbol and unique")
        for bar in bars {
            precondition(
                bar.openTs == inputs.hourTs,
                "bar \(bar.symbol) opens at \(bar.openTs), not at the hour \(inputs.hourTs)")
            precondition(config.universe.contains(bar.symbol), "bar \(bar.symbol) is not in the universe")
        }
        return config.universe.map { symbol in
            guard let bar = bars.first(where: { $0.symbol == symbol }) else {
                return BarCheck(symbol: symbol, bar: nil, problem: Self.missingProblem)
            }
            if bar.exchange != config.exchange {
                return BarCheck(
                    symbol: symbol, bar: nil, problem: "exchange \(bar.exchange), expected \(config.exchange)")
            }
            if bar.intervalSeconds != UTCTimestamp.secondsPerHour {
                return BarCheck(symbol: symbol, bar: nil, problem: "interval \(bar.intervalSeconds)s, expected 3600s")
            }
            if let violation = bar.violation {
                return BarCheck(symbol: symbol, bar: nil, problem: "invalid \(violation)")
            }
            return BarCheck(symbol: symbol, bar: bar, problem: nil)
        }
    }
}
