import HourglassCore

/// A trained model as the event log records it: kind, canonical hyper-parameters, raw bytes and their SHA-256.
///
/// The reducer receives artifacts, never trains: `BoostedTreeModel(artifact:)`, `LSTMModel(artifact:)`, …
/// rebuild a model for pure inference, and the same bytes always predict the same numbers.
public struct ModelArtifact: Sendable, Hashable {
    /// What the bytes hold.
    public let kind: ModelKind
    /// The hyper-parameters as canonical JSON (sorted keys, fixed number text), including seed and threads.
    public let hyperParameters: String
    /// The model bytes (XGBoost UBJSON, or canonical little-endian weights for the Swift models).
    public let bytes: [UInt8]
    /// SHA-256 of `bytes`.
    public let sha256: Hash256

    /// Wraps trained bytes, hashing them.
    public init(kind: ModelKind, hyperParameters: String, bytes: [UInt8]) {
        self.kind = kind
        self.hyperParameters = hyperParameters
        self.bytes = bytes
        sha256 = Hash256.of(bytes)
    }
}
