/// The exchange account's balances read at hour H (LIVE), by engine asset code, recorded as an
/// input of H: the evidence the hour's reconciliation judged.
public struct BalancesRecorded: EventPayload {
    public static let eventType = EventType.balancesRecorded
    /// The hour whose input this is.
    public var hourTs: UTCTimestamp
    /// The exchange's clock when the balances were read.
    public var observedTs: UTCTimestamp
    /// (asset, amount), sorted by asset (`USD`, `XBT`, …).
    public var balances: [AssetAmount]

    /// Creates the event; sorts the balances by asset.
    public init(hourTs: UTCTimestamp, observedTs: UTCTimestamp, balances: [AssetAmount]) {
        self.hourTs = hourTs
        self.observedTs = observedTs
        self.balances = balances.sorted { $0.asset < $1.asset }
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(timestamp: observedTs)
        writer.write(array: balances) { writer, balance in
            writer.write(string: balance.asset)
            writer.write(decimal: balance.amount)
        }
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> BalancesRecorded {
        let hour = try reader.readTimestamp()
        let observed = try reader.readTimestamp()
        let balances = try reader.readArray { reader throws(CodecError) in
            AssetAmount(asset: try reader.readString(), amount: try reader.readDecimal())
        }
        guard zip(balances, balances.dropFirst()).allSatisfy({ $0.asset < $1.asset }) else {
            throw .invalidValue("BalancesRecorded balances are not sorted by asset")
        }
        return BalancesRecorded(hourTs: hour, observedTs: observed, balances: balances)
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "observed_ts_utc": .timestamp(observedTs),
            "balances": .array(balances.map { .object(["asset": .string($0.asset), "amount": .decimal($0.amount)]) }),
        ])
    }
}

/// An amount of one asset.
public struct AssetAmount: Sendable, Hashable {
    /// Engine asset code (`XBT`, `USD`).
    public var asset: String
    /// The amount.
    public var amount: FixedDecimal

    /// Creates an amount.
    public init(asset: String, amount: FixedDecimal) {
        self.asset = asset
        self.amount = amount
    }
}
