/// A reliability table: per probability bin, how often the outcome happened against what was predicted.
public struct Calibration: Sendable, Hashable {
    /// One non-empty bin.
    public struct Bin: Sendable, Hashable {
        /// The bin's range [lower, upper) (the last bin includes 1).
        public var lower: Double, upper: Double
        public var count: Int
        public var meanPredicted: Double
        public var observedRate: Double
    }

    /// Non-empty bins, ascending.
    public var bins: [Bin]
    /// Share of outcomes that happened: the calibration of a model that knows nothing.
    public var baseRate: Double
    /// Σ (bin share) × |observed − predicted|.
    public var expectedCalibrationError: Double
}
