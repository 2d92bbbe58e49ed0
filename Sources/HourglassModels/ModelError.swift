/// Why a model could not be trained or loaded.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The artifact is of another kind than the loader expects.
    case wrongKind(expected: String, found: String)
    /// The artifact's bytes do not decode (truncated, wrong version, bad shape).
    case corruptArtifact(String)
    /// The training data cannot train this model (too few rows, one class only, …).
    case unusableData(String)

    public var description: String {
        switch self {
        case .wrongKind(let expected, let found):
            return "expected a \(expected) artifact, found \(found): load it with the matching model type"
        case .corruptArtifact(let why): return "corrupt model artifact: \(why); retrain the model"
        case .unusableData(let why): return "cannot train on this data: \(why)"
        }
    }
}
