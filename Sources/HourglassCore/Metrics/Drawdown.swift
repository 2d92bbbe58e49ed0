/// The largest fall of an equity curve from a running peak, measured exactly in `FixedDecimal`.
///
/// The fraction is `(peak − trough) ÷ peak`, divided at 12 decimals half-even, so two reports
/// reading the same curve print the same digits. The running peak starts at the initial equity;
/// a peak or trough hour of nil means "the initial equity, before the first hour". When several
/// falls are equally deep, the earliest is kept.
public struct Drawdown: Sendable, Hashable {
    /// `(peak − trough) ÷ peak`, 0 for a curve that never falls.
    public var fraction: FixedDecimal
    /// `peak − trough`, in quote currency.
    public var depthQuote: FixedDecimal
    /// Equity at the peak the fall started from.
    public var peakQuote: FixedDecimal
    /// Equity at the bottom of the fall.
    public var troughQuote: FixedDecimal
    /// The hour of the peak (nil: the initial equity).
    public var peakHourTs: UTCTimestamp?
    /// The hour of the trough (nil: the curve never fell below its initial equity's peak).
    public var troughHourTs: UTCTimestamp?

    /// Creates a drawdown.
    public init(
        fraction: FixedDecimal, depthQuote: FixedDecimal, peakQuote: FixedDecimal, troughQuote: FixedDecimal,
        peakHourTs: UTCTimestamp?, troughHourTs: UTCTimestamp?
    ) {
        self.fraction = fraction
        self.depthQuote = depthQuote
        self.peakQuote = peakQuote
        self.troughQuote = troughQuote
        self.peakHourTs = peakHourTs
        self.troughHourTs = troughHourTs
    }

    /// The fraction as a `Double`, for ratios such as Calmar.
    public var fractionValue: Double { fraction.doubleValue }

    /// Measures the deepest fall of `curve` (oldest first), starting from `initialEquityQuote`.
    public static func maximum(initialEquityQuote: FixedDecimal, curve: [EquityPoint]) -> Drawdown {
        var peak = initialEquityQuote
        var peakHour: UTCTimestamp? = nil
        var worst = Drawdown(
            fraction: .zero, depthQuote: .zero, peakQuote: initialEquityQuote,
            troughQuote: initialEquityQuote, peakHourTs: nil, troughHourTs: nil)
        for point in curve {
            if point.equityQuote > peak {
                peak = point.equityQuote
                peakHour = point.hourTs
                continue
            }
            guard peak.isPositive else { continue }
            let fraction = (peak - point.equityQuote).divided(by: peak, rounding: .halfEven)
            if fraction > worst.fraction {
                worst = Drawdown(
                    fraction: fraction, depthQuote: peak - point.equityQuote, peakQuote: peak,
                    troughQuote: point.equityQuote, peakHourTs: peakHour, troughHourTs: point.hourTs)
            }
        }
        return worst
    }
}
