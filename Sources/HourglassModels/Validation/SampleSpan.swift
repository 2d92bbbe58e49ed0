import HourglassCore

/// When a training sample exists: its features are known at `entryHourTs` and its label at `availableHourTs`.
///
/// Purging and embargo work on these spans only, so any labelled dataset can be split by them.
public struct SampleSpan: Sendable, Hashable {
    /// The hour the sample's features describe (its label window starts here).
    public var entryHourTs: UTCTimestamp
    /// The hour its label becomes known (`TripleBarrierLabel.availableHourTs`).
    public var availableHourTs: UTCTimestamp

    /// A span; traps when the label would be known before its entry.
    public init(entryHourTs: UTCTimestamp, availableHourTs: UTCTimestamp) {
        precondition(entryHourTs < availableHourTs, "a label is known only after its entry")
        self.entryHourTs = entryHourTs
        self.availableHourTs = availableHourTs
    }

    /// The span of a triple-barrier label.
    public init(_ label: TripleBarrierLabel) {
        self.init(entryHourTs: label.entryHourTs, availableHourTs: label.availableHourTs)
    }
}
