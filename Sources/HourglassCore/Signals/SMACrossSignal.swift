/// The reference crossing rule: +1 in the hour SMA(fast) of closes crosses above SMA(slow), −1 in
/// the hour it crosses below, 0 otherwise.
///
/// A cross is backtrader's `CrossOver`: the difference fast − slow is positive now and the last
/// non-zero difference before now was negative (or the reverse). The expected edge is 0 and the
/// confidence 1 on a cross (0 otherwise): the rule makes no forecast.
public struct SMACrossSignal: SignalModel {
    /// The id configurations name.
    public static let modelId = "sma_cross"
    public let id = Self.modelId
    public let version = "1"
    /// Window lengths.
    public var settings: SMACrossSettings

    /// Creates the rule.
    public init(settings: SMACrossSettings) { self.settings = settings }

    public var parametersSha256: Hash256 {
        var writer = ByteWriter()
        writer.write(byte: 1)
        settings.encode(to: &writer)
        return Hash256.of(writer.bytes)
    }

    public func predict(features: SymbolFeatures, context: SignalContext) -> Prediction {
        let cross = features.smaCross ?? 0
        return Prediction(symbol: context.symbol, score: Double(cross), expectedEdge: 0, confidence: cross == 0 ? 0 : 1)
    }

    /// The cross at the last close of `closes` (oldest first): +1, −1 or 0; 0 while fewer than
    /// `slowHours + 1` closes exist. Sums run oldest first over the window.
    public static func cross(closes: [Double], settings: SMACrossSettings) -> Int {
        let count = closes.count
        guard count >= settings.slowHours + 1 else { return 0 }
        let now = difference(closes, end: count, settings: settings)
        guard now != 0 else { return 0 }
        var end = count - 1
        while end >= settings.slowHours {
            let before = difference(closes, end: end, settings: settings)
            if before != 0 { return (before < 0) == (now > 0) ? (now > 0 ? 1 : -1) : 0 }
            end -= 1
        }
        return 0
    }

    /// SMA(fast) − SMA(slow) of `closes[..<end]`.
    static func difference(_ closes: [Double], end: Int, settings: SMACrossSettings) -> Double {
        mean(closes, end - settings.fastHours, end) - mean(closes, end - settings.slowHours, end)
    }

    static func mean(_ values: [Double], _ start: Int, _ end: Int) -> Double {
        var sum = 0.0
        for index in start..<end { sum += values[index] }
        return sum / Double(end - start)
    }
}
