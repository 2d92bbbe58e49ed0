import Synchronization

/// A trained XGBoost model (depth-wise, leaf-wise or random forest): trained once, then pure inference.
///
/// Built from an artifact, so a freshly trained model and one loaded from the log run the same code on
/// the same bytes. The booster sits behind a mutex because XGBoost reuses one prediction buffer per booster.
public final class BoostedTreeModel: Sendable {
    /// The model as recorded: UBJSON bytes, their SHA-256 and the canonical hyper-parameters.
    public let artifact: ModelArtifact
    private let booster: Mutex<XGBoostBooster>

    /// The three kinds this type trains and loads.
    public static let kinds: [ModelKind] = [.depthWiseBoost, .leafWiseBoost, .randomForest]

    /// Loads `artifact` for inference; throws on another kind or bytes XGBoost cannot read.
    public init(artifact: ModelArtifact) throws {
        guard Self.kinds.contains(artifact.kind) else {
            throw ModelError.wrongKind(expected: "XGBoost", found: artifact.kind.rawValue)
        }
        let loaded = try XGBoostBooster(modelBytes: artifact.bytes)
        try loaded.set("nthread", "1")
        self.artifact = artifact
        booster = Mutex(loaded)
    }

    /// Trains on `features` with 0/1 `labels` (both classes present) and returns the loaded result.
    public static func train(
        features: FeatureMatrix, labels: [Float],
        parameters: BoostedTreeParameters
    ) throws -> BoostedTreeModel {
        precondition(kinds.contains(parameters.kind), "\(parameters.kind) is not an XGBoost model")
        precondition(parameters.rounds > 0 && parameters.threadCount == 1, "XGBoost trains ≥ 1 round on one thread")
        guard labels.count == features.rowCount, labels.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw ModelError.unusableData("labels must be 0 or 1, one per row")
        }
        guard labels.contains(0), labels.contains(1) else { throw ModelError.unusableData("only one class present") }
        let matrix = try XGBoostMatrix(features, labels: labels)
        let booster = try XGBoostBooster(training: matrix)
        for parameter in parameters.xgboostParameters { try booster.set(parameter.name, parameter.value) }
        for round in 0..<parameters.rounds { try booster.update(iteration: round, matrix: matrix) }
        let bytes = try booster.save(format: "ubj")
        return try BoostedTreeModel(
            artifact: ModelArtifact(
                kind: parameters.kind,
                hyperParameters: parameters.canonicalJSON, bytes: bytes))
    }

    /// The probability of label 1 for every row of `features`.
    public func predict(_ features: FeatureMatrix) throws -> [Double] {
        guard features.rowCount > 0 else { return [] }
        return try predict(XGBoostMatrix(features))
    }

    /// The probability of label 1 for every row of `matrix` (a DMatrix the caller may reuse for other models:
    /// prediction only reads it).
    func predict(_ matrix: XGBoostMatrix) throws -> [Double] {
        let output: [Float] = try booster.withLock { try $0.predict(matrix) }
        return output.map(Double.init)
    }
}
