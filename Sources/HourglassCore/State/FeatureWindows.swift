/// Window lengths (in hours) of the features, and how much contiguous history they need.
///
/// The state keeps only what these windows need (`closeCapacity`, `rangeCapacity`,
/// `shortCapacity` bars per symbol), because it is snapshotted every hour.
public struct FeatureWindows: Sendable, Hashable {
    /// Least-squares momentum window.
    public var momentumHours: Int
    /// Average true range window.
    public var atrHours: Int
    /// Realised volatility (standard deviation of hourly returns) window.
    public var volatilityHours: Int
    /// Trailing window the volatility percentile ranks against.
    public var volatilityPercentileHours: Int
    /// Percentile at or above which volatility counts as high (0...1).
    public var highVolatilityPercentile: Double
    /// Trailing window of the volume mean.
    public var volumeHours: Int
    /// Trailing window of the breakout high.
    public var breakoutHours: Int
    /// Rolling mean window (distance from mean, market breadth).
    public var meanHours: Int
    /// Window of beta and correlation to BTC.
    public var betaHours: Int
    /// Window of the pairwise correlations handed to governance.
    public var correlationHours: Int
    /// Window of the median range (spread proxy).
    public var rangeMedianHours: Int
    /// Contiguous bars needed before any feature of a symbol is produced.
    public var minHistoryHours: Int
    /// Gap policy: up to this many consecutive missing hours of a symbol carry its last close
    /// forward as a zero-volume bar (flagged `carried_hours`, recorded as `BarCarriedForward`);
    /// a longer gap, or an invalid bar, empties the window. 0 empties it on every missing hour.
    public var gapCarryForwardHours: Int

    /// Creates windows.
    public init(
        momentumHours: Int, atrHours: Int, volatilityHours: Int, volatilityPercentileHours: Int,
        highVolatilityPercentile: Double,
        volumeHours: Int, breakoutHours: Int, meanHours: Int, betaHours: Int, correlationHours: Int,
        rangeMedianHours: Int,
        minHistoryHours: Int, gapCarryForwardHours: Int = FeatureWindows.defaultGapCarryForwardHours
    ) {
        self.momentumHours = momentumHours
        self.atrHours = atrHours
        self.volatilityHours = volatilityHours
        self.volatilityPercentileHours = volatilityPercentileHours
        self.highVolatilityPercentile = highVolatilityPercentile
        self.volumeHours = volumeHours
        self.breakoutHours = breakoutHours
        self.meanHours = meanHours
        self.betaHours = betaHours
        self.correlationHours = correlationHours
        self.rangeMedianHours = rangeMedianHours
        self.minHistoryHours = minHistoryHours
        self.gapCarryForwardHours = gapCarryForwardHours
    }

    /// Kraken leaves out hours without trades; on thinner pairs one to three in a row are normal.
    public static let defaultGapCarryForwardHours = 3
    /// The longest gap that may be carried forward (a day: beyond it the data is not thin, it is gone).
    public static let gapCarryForwardHoursMax = 24

    /// 24h momentum/volatility/volume/breakout/mean, ATR(14), 7-day beta, 30-day correlations,
    /// range median and volatility percentile; 7 days of history before the first feature.
    public static let `default` = FeatureWindows(
        momentumHours: 24, atrHours: 14, volatilityHours: 24, volatilityPercentileHours: 720,
        highVolatilityPercentile: 0.95,
        volumeHours: 24, breakoutHours: 24, meanHours: 24, betaHours: 168, correlationHours: 720, rangeMedianHours: 720,
        minHistoryHours: 168)

    /// Closes kept per symbol: the longest close-based window plus one (for its first return).
    public var closeCapacity: Int {
        max(momentumHours, volatilityHours + 1, meanHours, betaHours, correlationHours, volatilityPercentileHours, 24)
            + 1
    }
    /// Range fractions kept per symbol (the median window plus the current hour).
    public var rangeCapacity: Int { rangeMedianHours + 1 }
    /// Highs, lows and volumes kept per symbol.
    public var shortCapacity: Int { max(atrHours, breakoutHours, volumeHours) + 1 }

    var fields: [(String, Int)] {
        [
            ("momentum_hours", momentumHours), ("atr_hours", atrHours), ("volatility_hours", volatilityHours),
            ("volatility_percentile_hours", volatilityPercentileHours), ("volume_hours", volumeHours),
            ("breakout_hours", breakoutHours),
            ("mean_hours", meanHours), ("beta_hours", betaHours), ("correlation_hours", correlationHours),
            ("range_median_hours", rangeMedianHours), ("min_history_hours", minHistoryHours),
        ]
    }

    func encode(to writer: inout ByteWriter) {
        for (_, value) in fields { writer.write(int: value) }
        writer.write(double: highVolatilityPercentile)
        writer.write(int: gapCarryForwardHours)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> FeatureWindows {
        var values: [Int] = []
        for _ in 0..<11 { values.append(try reader.readInt()) }
        let percentile = try reader.readDouble()
        return FeatureWindows(
            momentumHours: values[0], atrHours: values[1], volatilityHours: values[2],
            volatilityPercentileHours: values[3],
            highVolatilityPercentile: percentile, volumeHours: values[4], breakoutHours: values[5],
            meanHours: values[6], betaHours: values[7], correlationHours: values[8], rangeMedianHours: values[9],
            minHistoryHours: values[10], gapCarryForwardHours: try reader.readInt())
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, value) in fields { members[key] = .int(Int64(value)) }
        members["high_volatility_percentile"] = .double(highVolatilityPercentile)
        members["gap_carry_forward_hours"] = .int(Int64(gapCarryForwardHours))
        return .object(members)
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> FeatureWindows {
        try object.check(allowed: fields.map(\.0) + ["high_volatility_percentile", "gap_carry_forward_hours"])
        var values: [Int] = []
        for (key, value) in fields { values.append(try object.int(key, value, range: 1...8760)) }
        let percentile = try object.double("high_volatility_percentile", highVolatilityPercentile)
        guard percentile > 0 && percentile <= 1 else {
            throw .invalidValue(object.qualified("high_volatility_percentile"), reason: "must be in (0, 1]")
        }
        let result = FeatureWindows(
            momentumHours: values[0], atrHours: values[1], volatilityHours: values[2],
            volatilityPercentileHours: values[3],
            highVolatilityPercentile: percentile, volumeHours: values[4], breakoutHours: values[5],
            meanHours: values[6],
            betaHours: values[7], correlationHours: values[8], rangeMedianHours: values[9], minHistoryHours: values[10],
            gapCarryForwardHours: try object.int(
                "gap_carry_forward_hours", gapCarryForwardHours, range: 0...Self.gapCarryForwardHoursMax))
        guard result.minHistoryHours >= max(result.atrHours, result.momentumHours, result.volatilityHours, 24) + 1
        else {
            throw .invalidValue(
                object.qualified("min_history_hours"),
                reason: "must exceed the ATR, momentum, volatility and 24h windows")
        }
        return result
    }
}
