/// The best bid and ask of one pair when hour H was decided (Kraken `Ticker`), recorded as an
/// input of H so `spread_anomaly` can judge the real spread in PAPER and LIVE.
public struct TickerRecorded: EventPayload {
    public static let eventType = EventType.tickerRecorded
    /// The hour whose input this is.
    public var hourTs: UTCTimestamp
    /// Symbol as `BASE/QUOTE`.
    public var symbol: String
    /// The exchange's clock when the ticker was read.
    public var observedTs: UTCTimestamp
    /// Best bid.
    public var bidPriceQuote: FixedDecimal
    /// Best ask.
    public var askPriceQuote: FixedDecimal

    /// Creates the event.
    public init(
        hourTs: UTCTimestamp, symbol: String, observedTs: UTCTimestamp, bidPriceQuote: FixedDecimal,
        askPriceQuote: FixedDecimal
    ) {
        self.hourTs = hourTs
        self.symbol = symbol
        self.observedTs = observedTs
        self.bidPriceQuote = bidPriceQuote
        self.askPriceQuote = askPriceQuote
    }

    /// (ask − bid) ÷ mid; nil when the mid is not positive.
    public var relativeSpread: Double? {
        let mid = (bidPriceQuote + askPriceQuote).doubleValue / 2
        guard mid > 0 else { return nil }
        return (askPriceQuote - bidPriceQuote).doubleValue / mid
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(string: symbol)
        writer.write(timestamp: observedTs)
        writer.write(decimal: bidPriceQuote)
        writer.write(decimal: askPriceQuote)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> TickerRecorded {
        TickerRecorded(
            hourTs: try reader.readTimestamp(), symbol: try reader.readString(), observedTs: try reader.readTimestamp(),
            bidPriceQuote: try reader.readDecimal(), askPriceQuote: try reader.readDecimal())
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "symbol": .string(symbol), "observed_ts_utc": .timestamp(observedTs),
            "bid": .decimal(bidPriceQuote), "ask": .decimal(askPriceQuote),
        ])
    }
}
