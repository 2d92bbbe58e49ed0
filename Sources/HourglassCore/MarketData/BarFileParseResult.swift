/// The bars of one file and what was noticed about their spacing.
public struct BarFileParseResult: Sendable, Equatable {
    /// The bars in file order (strictly increasing `openTs`).
    public var bars: [Bar]
    /// How many times a bar is followed by one more than one interval later.
    public var gapCount: Int
    /// How many bars those gaps miss in total. Gaps are reported, never filled.
    public var missingBars: Int
    /// Data rows read (the header is not a row); equals `bars.count`.
    public var rowCount: Int

    /// Creates a result.
    public init(bars: [Bar], gapCount: Int, missingBars: Int, rowCount: Int) {
        self.bars = bars
        self.gapCount = gapCount
        self.missingBars = missingBars
        self.rowCount = rowCount
    }
}
