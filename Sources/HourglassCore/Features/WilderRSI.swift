/// Wilder's relative strength index over a series of closes, oldest first.
///
/// The first average gain and loss are the plain means of the first `period` close-to-close changes;
/// every later change smooths them as `(previous × (period − 1) + change) / period`. RSI = 100 − 100 / (1 + RS),
/// RS = average gain / average loss; 100 when there is no loss (and 50 when the closes never move).
public enum WilderRSI {
    /// The RSI after the last close, or nil with fewer than `period + 1` closes.
    public static func value(closes: [Double], period: Int = 14) -> Double? {
        precondition(period > 0, "an RSI needs a positive period")
        guard closes.count > period else { return nil }
        var gain = 0.0
        var loss = 0.0
        for index in 1...period {
            let change = closes[index] - closes[index - 1]
            if change > 0 { gain += change } else { loss -= change }
        }
        gain /= Double(period)
        loss /= Double(period)
        var index = period + 1
        while index < closes.count {
            let change = closes[index] - closes[index - 1]
            gain = (gain * Double(period - 1) + max(change, 0)) / Double(period)
            loss = (loss * Double(period - 1) + max(-change, 0)) / Double(period)
            index += 1
        }
        if loss == 0 { return gain == 0 ? 50 : 100 }
        return 100 - 100 / (1 + gain / loss)
    }
}
