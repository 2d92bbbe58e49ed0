/// The limits of the reducer's own rules that the risk section does not hold: the position count
/// and the per-asset cap. The total-exposure cap and the missing-bar share that trips the kill
/// switch live in `EngineConfig.risk` only (one source of truth).
public struct TradingLimits: Sendable, Hashable {
    /// At most this many open positions (`max_positions`).
    public var maxOpenPositions: Int
    /// One asset's value ÷ equity after an order (`position_size_cap`).
    public var perAssetCap: FixedDecimal

    /// Creates limits.
    public init(maxOpenPositions: Int, perAssetCap: FixedDecimal) {
        self.maxOpenPositions = maxOpenPositions
        self.perAssetCap = perAssetCap
    }

    /// 10 positions, 5% per asset.
    public static let `default` = TradingLimits(maxOpenPositions: 10, perAssetCap: FixedDecimal(raw: 50_000_000_000))

    func encode(to writer: inout ByteWriter) {
        writer.write(int: maxOpenPositions)
        writer.write(decimal: perAssetCap)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> TradingLimits {
        TradingLimits(maxOpenPositions: try reader.readInt(), perAssetCap: try reader.readDecimal())
    }

    var json: JSONValue {
        .object(["max_open_positions": .int(Int64(maxOpenPositions)), "per_asset_cap": .decimal(perAssetCap)])
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> TradingLimits {
        try object.check(allowed: ["max_open_positions", "per_asset_cap"])
        let result = TradingLimits(
            maxOpenPositions: try object.int("max_open_positions", maxOpenPositions, range: 0...1000),
            perAssetCap: try object.decimal("per_asset_cap", perAssetCap))
        if result.perAssetCap.isNegative || result.perAssetCap > .one {
            throw .invalidValue(
                object.qualified("per_asset_cap"), reason: "must be between 0 and 1, got \(result.perAssetCap)")
        }
        return result
    }
}
