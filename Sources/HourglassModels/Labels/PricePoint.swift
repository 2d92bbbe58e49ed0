import HourglassCore

/// One hourly bar as the labeller sees it: open time, high, low and close as `Double` (research only, never money).
public struct PricePoint: Sendable, Hashable {
    /// The bar's open time; the bar is complete (and known) one hour later.
    public var hourTs: UTCTimestamp
    public var high: Double
    public var low: Double
    public var close: Double

    /// A point from raw numbers.
    public init(hourTs: UTCTimestamp, high: Double, low: Double, close: Double) {
        precondition(low <= high && close > 0, "a bar needs low ≤ high and a positive close")
        self.hourTs = hourTs
        self.high = high
        self.low = low
        self.close = close
    }

    /// A point from a recorded bar.
    public init(bar: Bar) {
        self.init(
            hourTs: bar.openTs, high: bar.highPrice.doubleValue, low: bar.lowPrice.doubleValue,
            close: bar.closePrice.doubleValue)
    }
}
