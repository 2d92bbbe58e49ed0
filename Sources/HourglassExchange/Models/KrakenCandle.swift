import HourglassCore

/// One OHLC entry: `[time, open, high, low, close, vwap, volume, count]`, prices as exact decimals.
public struct KrakenCandle: Sendable, Hashable {
    /// Start of the interval.
    public let openTs: UTCTimestamp
    /// Opening price.
    public let openPrice: FixedDecimal
    /// Highest price.
    public let highPrice: FixedDecimal
    /// Lowest price.
    public let lowPrice: FixedDecimal
    /// Closing price.
    public let closePrice: FixedDecimal
    /// Volume-weighted average price.
    public let vwapPrice: FixedDecimal
    /// Traded volume in the base asset.
    public let volumeBase: FixedDecimal
    /// Number of trades.
    public let tradeCount: Int64

    /// Creates a candle.
    public init(
        openTs: UTCTimestamp, openPrice: FixedDecimal, highPrice: FixedDecimal, lowPrice: FixedDecimal,
        closePrice: FixedDecimal, vwapPrice: FixedDecimal, volumeBase: FixedDecimal, tradeCount: Int64
    ) {
        self.openTs = openTs
        self.openPrice = openPrice
        self.highPrice = highPrice
        self.lowPrice = lowPrice
        self.closePrice = closePrice
        self.vwapPrice = vwapPrice
        self.volumeBase = volumeBase
        self.tradeCount = tradeCount
    }

    /// The engine's bar for this candle.
    public func bar(symbol: String, intervalSeconds: Int64) -> Bar {
        Bar(
            exchange: "kraken", symbol: symbol, openTs: openTs, intervalSeconds: intervalSeconds, openPrice: openPrice,
            highPrice: highPrice, lowPrice: lowPrice, closePrice: closePrice, volumeBase: volumeBase)
    }

    /// Parses one entry.
    public static func parse(_ entry: KrakenJSON) throws(KrakenError) -> KrakenCandle {
        let fields = try entry.array()
        guard fields.count == 8 else {
            throw entry.malformed(
                "expected 8 fields [time, open, high, low, close, vwap, volume, count], got \(fields.count)")
        }
        let seconds = try fields[0].int()
        return KrakenCandle(
            openTs: UTCTimestamp(secondsSinceEpoch: seconds), openPrice: try fields[1].decimal(),
            highPrice: try fields[2].decimal(), lowPrice: try fields[3].decimal(),
            closePrice: try fields[4].decimal(), vwapPrice: try fields[5].decimal(),
            volumeBase: try fields[6].decimal(), tradeCount: try fields[7].int())
    }
}
