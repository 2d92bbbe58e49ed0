/// The exchange's trading rules of the run's pairs at hour H, recorded as an input of H so a replay
/// judges minimum orders and lots by the rules that held then.
public struct PairRulesRecorded: EventPayload {
    public static let eventType = EventType.pairRulesRecorded
    /// The hour whose input this is.
    public var hourTs: UTCTimestamp
    /// The exchange (`kraken`).
    public var exchange: String
    /// One rule per pair, sorted by symbol.
    public var rules: [ExchangePairRule]

    /// Creates the event; sorts the rules by symbol.
    public init(hourTs: UTCTimestamp, exchange: String, rules: [ExchangePairRule]) {
        self.hourTs = hourTs
        self.exchange = exchange
        self.rules = rules.sorted { $0.symbol < $1.symbol }
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(string: exchange)
        writer.write(array: rules) { $1.encode(to: &$0) }
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> PairRulesRecorded {
        let hour = try reader.readTimestamp()
        let exchange = try reader.readString()
        let rules = try reader.readArray { reader throws(CodecError) in try ExchangePairRule.decode(from: &reader) }
        guard zip(rules, rules.dropFirst()).allSatisfy({ $0.symbol < $1.symbol }) else {
            throw .invalidValue("PairRulesRecorded rules are not sorted by symbol")
        }
        return PairRulesRecorded(hourTs: hour, exchange: exchange, rules: rules)
    }

    public var json: JSONValue {
        .object(["hour_ts_utc": .timestamp(hourTs), "exchange": .string(exchange), "rules": .array(rules.map(\.json))])
    }
}
