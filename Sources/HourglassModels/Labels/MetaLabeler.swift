/// Meta-labels (AFML ch. 3.6): of the trades a primary model took, which were worth taking after fees.
public enum MetaLabeler {
    /// Kraken's taker fee both ways, as the issue fixes it: 0.8% of notional per round trip.
    public static let roundTripFeeRate = 0.008

    /// True when the trade reached the upper barrier first and its return still beats the round-trip fee.
    public static func metaLabel(_ label: TripleBarrierLabel, roundTripFeeRate: Double = roundTripFeeRate) -> Bool {
        label.hitUpper && label.grossReturn - roundTripFeeRate > 0
    }

    /// The meta-label of every entry the primary model took (`taken[i]` for `labels[i]`), nil where it stayed out.
    public static func metaLabels(
        _ labels: [TripleBarrierLabel], taken: [Bool],
        roundTripFeeRate: Double = roundTripFeeRate
    ) -> [Bool?] {
        precondition(labels.count == taken.count, "one primary decision per label")
        return zip(labels, taken).map { $1 ? metaLabel($0, roundTripFeeRate: roundTripFeeRate) : nil }
    }
}
