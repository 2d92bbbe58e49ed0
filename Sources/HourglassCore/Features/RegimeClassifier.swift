/// Labels each symbol's regime from its features, with fixed thresholds and a fixed precedence.
///
/// Precedence, first match wins:
/// 1. `unknown` — no features (not enough contiguous history);
/// 2. `crash` — 24h return ≤ `crashReturn24hMax` or 4h return ≤ `crashReturn4hMax`;
/// 3. `high_vol` — realised volatility at or above its high-volatility percentile;
/// 4. `trend` — |momentum slope| × 24 (daily drift) ≥ `trendSlopeDailyMin`;
/// 5. `range` — otherwise.
/// Crash outranks high volatility because a crash is also volatile and is the more dangerous label.
public struct RegimeClassifier: Sendable, Hashable {
    /// Smallest absolute daily drift that counts as a trend.
    public var trendSlopeDailyMin: Double
    /// 24h return at or below which the regime is `crash`.
    public var crashReturn24hMax: Double
    /// 4h return at or below which the regime is `crash`.
    public var crashReturn4hMax: Double

    /// Creates a classifier.
    public init(trendSlopeDailyMin: Double, crashReturn24hMax: Double, crashReturn4hMax: Double) {
        self.trendSlopeDailyMin = trendSlopeDailyMin
        self.crashReturn24hMax = crashReturn24hMax
        self.crashReturn4hMax = crashReturn4hMax
    }

    /// 1%/day drift is a trend; −10% in 24h or −6% in 4h is a crash.
    public static let `default` = RegimeClassifier(
        trendSlopeDailyMin: 0.01, crashReturn24hMax: -0.10, crashReturn4hMax: -0.06)

    /// The regime of a symbol with these features (nil: not enough history).
    public func classify(_ features: SymbolFeatures?) -> Regime {
        guard let features else { return .unknown }
        if features.return24h <= crashReturn24hMax || features.return4h <= crashReturn4hMax { return .crash }
        if features.highVolatility { return .highVol }
        if abs(features.momentumSlope * 24) >= trendSlopeDailyMin { return .trend }
        return .range
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(double: trendSlopeDailyMin)
        writer.write(double: crashReturn24hMax)
        writer.write(double: crashReturn4hMax)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> RegimeClassifier {
        RegimeClassifier(
            trendSlopeDailyMin: try reader.readDouble(), crashReturn24hMax: try reader.readDouble(),
            crashReturn4hMax: try reader.readDouble())
    }

    var json: JSONValue {
        .object([
            "trend_slope_daily_min": .double(trendSlopeDailyMin), "crash_return_24h_max": .double(crashReturn24hMax),
            "crash_return_4h_max": .double(crashReturn4hMax),
        ])
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> RegimeClassifier {
        try object.check(allowed: ["trend_slope_daily_min", "crash_return_24h_max", "crash_return_4h_max"])
        return RegimeClassifier(
            trendSlopeDailyMin: try object.double("trend_slope_daily_min", trendSlopeDailyMin),
            crashReturn24hMax: try object.double("crash_return_24h_max", crashReturn24hMax),
            crashReturn4hMax: try object.double("crash_return_4h_max", crashReturn4hMax))
    }
}
