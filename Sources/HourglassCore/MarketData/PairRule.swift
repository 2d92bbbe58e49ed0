/// Exchange trading rules of one pair: order quantities round down to `lotDecimals`, and an order
/// below `minOrderBase` is refused.
public struct PairRule: Sendable, Hashable {
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// Decimals of the base quantity (Kraken `lot_decimals`).
    public var lotDecimals: Int
    /// Smallest order quantity in the base asset (Kraken `ordermin`).
    public var minOrderBase: FixedDecimal

    /// Creates a pair rule.
    public init(symbol: String, lotDecimals: Int, minOrderBase: FixedDecimal) {
        self.symbol = symbol
        self.lotDecimals = lotDecimals
        self.minOrderBase = minOrderBase
    }

    /// Kraken's published values for the five USD pairs (lot 8 decimals; `ordermin` as listed by
    /// Kraken's AssetPairs endpoint in 2023), sorted by symbol.
    public static let krakenDefaults: [PairRule] = [
        PairRule(symbol: "BCH/USD", lotDecimals: 8, minOrderBase: FixedDecimal(raw: 10_000_000_000)),  // 0.01
        PairRule(symbol: "ETH/USD", lotDecimals: 8, minOrderBase: FixedDecimal(raw: 2_000_000_000)),  // 0.002
        PairRule(symbol: "LTC/USD", lotDecimals: 8, minOrderBase: FixedDecimal(raw: 50_000_000_000)),  // 0.05
        PairRule(symbol: "XBT/USD", lotDecimals: 8, minOrderBase: FixedDecimal(raw: 100_000_000)),  // 0.0001
        PairRule(symbol: "XRP/USD", lotDecimals: 8, minOrderBase: FixedDecimal(10)),  // 10
    ]

    /// One lot: the smallest quantity step, 10^-lotDecimals.
    public var lotUnit: FixedDecimal { FixedDecimal(raw: FixedDecimal.pow10(FixedDecimal.scaleDigits - lotDecimals)) }

    /// `quantity` rounded down to the lot.
    public func roundDownToLot(_ quantity: FixedDecimal) -> FixedDecimal {
        quantity.rounded(decimals: lotDecimals, .down)
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(int: lotDecimals)
        writer.write(decimal: minOrderBase)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> PairRule {
        PairRule(
            symbol: try reader.readString(), lotDecimals: try reader.readInt(), minOrderBase: try reader.readDecimal())
    }

    var json: JSONValue {
        .object([
            "symbol": .string(symbol), "lot_decimals": .int(Int64(lotDecimals)), "min_order": .decimal(minOrderBase),
        ])
    }

    static func from(_ object: ConfigObject) throws(EngineConfigError) -> PairRule {
        try object.check(allowed: ["symbol", "lot_decimals", "min_order"])
        guard object.members["symbol"] != nil, object.members["lot_decimals"] != nil, object.members["min_order"] != nil
        else {
            throw .invalidValue(object.path, reason: "a pair needs symbol, lot_decimals and min_order")
        }
        return PairRule(
            symbol: try object.string("symbol", ""), lotDecimals: try object.int("lot_decimals", 8, range: 0...12),
            minOrderBase: try object.decimal("min_order", .zero))
    }
}
