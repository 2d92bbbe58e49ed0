import HourglassCore

/// A model retraining recorded in the run (reserved until the models exist).
public struct ReportRetraining: Sendable, Equatable {
    /// The hour the retrained model took effect.
    public var hourTs: UTCTimestamp
    /// The model's id.
    public var modelId: String
    /// SHA-256 of the new artifact.
    public var artifactSha256: String

    /// Creates a retraining marker.
    public init(hourTs: UTCTimestamp, modelId: String, artifactSha256: String) {
        self.hourTs = hourTs
        self.modelId = modelId
        self.artifactSha256 = artifactSha256
    }
}
