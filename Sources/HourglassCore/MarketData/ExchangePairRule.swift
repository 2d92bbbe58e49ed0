/// One pair's trading rules as the exchange published them at an hour (Kraken `AssetPairs`).
public struct ExchangePairRule: Sendable, Hashable {
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// Decimals of the base quantity (`lot_decimals`).
    public var lotDecimals: Int
    /// Smallest order quantity in the base asset (`ordermin`).
    public var minOrderBase: FixedDecimal
    /// Smallest order cost in the quote asset (`costmin`), when published.
    public var minCostQuote: FixedDecimal?
    /// Smallest price step (`tick_size`), when published.
    public var tickSizeQuote: FixedDecimal?

    /// Creates a rule.
    public init(
        symbol: String, lotDecimals: Int, minOrderBase: FixedDecimal, minCostQuote: FixedDecimal?,
        tickSizeQuote: FixedDecimal?
    ) {
        self.symbol = symbol
        self.lotDecimals = lotDecimals
        self.minOrderBase = minOrderBase
        self.minCostQuote = minCostQuote
        self.tickSizeQuote = tickSizeQuote
    }

    /// The engine's pair rule (lot and minimum order) this exchange rule implies.
    public var pairRule: PairRule { PairRule(symbol: symbol, lotDecimals: lotDecimals, minOrderBase: minOrderBase) }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(int: lotDecimals)
        writer.write(decimal: minOrderBase)
        writer.write(optional: minCostQuote) { $0.write(decimal: $1) }
        writer.write(optional: tickSizeQuote) { $0.write(decimal: $1) }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> ExchangePairRule {
        ExchangePairRule(
            symbol: try reader.readString(), lotDecimals: try reader.readInt(), minOrderBase: try reader.readDecimal(),
            minCostQuote: try reader.readOptional { reader throws(CodecError) in try reader.readDecimal() },
            tickSizeQuote: try reader.readOptional { reader throws(CodecError) in try reader.readDecimal() })
    }

    var json: JSONValue {
        .object([
            "symbol": .string(symbol), "lot_decimals": .int(Int64(lotDecimals)), "min_order": .decimal(minOrderBase),
            "min_cost": minCostQuote.map { .decimal($0) } ?? .null,
            "tick_size": tickSizeQuote.map { .decimal($0) } ?? .null,
        ])
    }
}
