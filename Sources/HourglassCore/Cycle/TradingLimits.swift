/// The limits of the minimal governance rules (issue 3). Issue 4's rules read `EngineConfig.risk`.
public struct TradingLimits: Sendable, Hashable {
    /// At most this many open positions (`max_positions`).
    public var maxOpenPositions: Int
    /// Σ position value ÷ equity after an order (`total_exposure`).
    public var totalExposureCap: FixedDecimal
    /// One asset's value ÷ equity after an order (`position_size_cap`).
    public var perAssetCap: FixedDecimal
    /// Share of the universe with a missing or invalid bar above which the kill switch trips.
    public var killSwitchMissingShare: FixedDecimal

    /// Creates limits.
    public init(maxOpenPositions: Int, totalExposureCap: FixedDecimal, perAssetCap: FixedDecimal, killSwitchMissingShare: FixedDecimal) {
        self.maxOpenPositions = maxOpenPositions
        self.totalExposureCap = totalExposureCap
        self.perAssetCap = perAssetCap
        self.killSwitchMissingShare = killSwitchMissingShare
    }

    /// 10 positions, 20% total exposure, 5% per asset, kill switch when more than half the bars are missing.
    public static let `default` = TradingLimits(maxOpenPositions: 10, totalExposureCap: FixedDecimal(raw: 200_000_000_000),
                                                perAssetCap: FixedDecimal(raw: 50_000_000_000), killSwitchMissingShare: FixedDecimal(raw: 500_000_000_000))

    func encode(to writer: inout ByteWriter) {
        writer.write(int: maxOpenPositions)
        writer.write(decimal: totalExposureCap)
        writer.write(decimal: perAssetCap)
        writer.write(decimal: killSwitchMissingShare)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> TradingLimits {
        TradingLimits(maxOpenPositions: try reader.readInt(), totalExposureCap: try reader.readDecimal(), perAssetCap: try reader.readDecimal(),
                      killSwitchMissingShare: try reader.readDecimal())
    }

    var json: JSONValue {
        .object(["max_open_positions": .int(Int64(maxOpenPositions)), "total_exposure_cap": .decimal(totalExposureCap),
                 "per_asset_cap": .decimal(perAssetCap), "kill_switch_missing_share": .decimal(killSwitchMissingShare)])
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> TradingLimits {
        try object.check(allowed: ["max_open_positions", "total_exposure_cap", "per_asset_cap", "kill_switch_missing_share"])
        let result = TradingLimits(maxOpenPositions: try object.int("max_open_positions", maxOpenPositions, range: 0...1000),
                                   totalExposureCap: try object.decimal("total_exposure_cap", totalExposureCap),
                                   perAssetCap: try object.decimal("per_asset_cap", perAssetCap),
                                   killSwitchMissingShare: try object.decimal("kill_switch_missing_share", killSwitchMissingShare))
        for (key, value) in [("total_exposure_cap", result.totalExposureCap), ("per_asset_cap", result.perAssetCap),
                             ("kill_switch_missing_share", result.killSwitchMissingShare)] where value.isNegative || value > .one {
            throw .invalidValue(object.qualified(key), reason: "must be between 0 and 1, got \(value)")
        }
        return result
    }
}
