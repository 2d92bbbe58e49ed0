import HourglassCore

/// One retraining of a walk-forward run: train on `trainIndices`, then predict `testIndices` until the next retrain.
public struct WalkForwardFold: Sendable, Hashable {
    /// The retrain hour R: the model is trained at R and used from R on.
    public var retrainHourTs: UTCTimestamp
    /// The next retrain hour (the end of this fold's test period, exclusive).
    public var nextRetrainHourTs: UTCTimestamp
    /// Samples it trains on, ascending: labels known by R, entries before R minus the embargo.
    public var trainIndices: [Int]
    /// Samples it predicts, ascending: entries in [R, next R).
    public var testIndices: [Int]
}
