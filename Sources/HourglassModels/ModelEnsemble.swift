import Dispatch
import HourglassCore
import Synchronization

/// The trained models a reducer hour uses, rebuilt from their artifacts, with pure batch inference.
///
/// The shell trains and records artifacts; the reducer builds a `ModelEnsemble` from them and calls
/// `predict`. Base models run in `ModelKind` order (tree models on the feature rows, sequence models on the
/// windows); the meta-learner combines them with the trust weights and each symbol's regime.
public struct ModelEnsemble: Sendable {
    /// The artifacts, sorted by kind (one per kind).
    public let artifacts: [ModelArtifact]
    /// The base models' kinds, sorted: the order of `EnsemblePrediction.baseProbabilities`.
    public let baseKinds: [ModelKind]
    /// SHA-256 over the artifact count, then each artifact's kind and SHA-256 in kind order.
    public let sha256: Hash256
    /// Trust weights the meta-learner reads: one per base model, or 0 when it was fitted without them.
    public var trustCount: Int { meta.trustCount }
    /// Equal trust weights (1/n each; empty without trust inputs), for benches and tests that score samples
    /// outside a run.
    public var uniformTrustWeights: [Double] {
        [Double](repeating: 1 / Double(max(trustCount, 1)), count: trustCount)
    }
    private let baseModels: [BaseModel]
    private let meta: MetaLearner
    /// Threads `predict` runs the base models on (1: the calling thread only). The predictions never depend on
    /// it: each base model computes its own column, single-threaded, whichever thread runs it.
    public var inferenceThreads: Int = 1

    private enum BaseModel: Sendable {
        case tree(BoostedTreeModel)
        case sequence(SequenceModel)
    }

    /// Loads every artifact; throws unless there is exactly one meta-learner, at most one artifact per kind, and
    /// the meta-learner expects exactly these base models.
    public init(artifacts: [ModelArtifact]) throws {
        let sorted = artifacts.sorted { $0.kind < $1.kind }
        guard zip(sorted, sorted.dropFirst()).allSatisfy({ $0.kind != $1.kind }) else {
            throw ModelError.corruptArtifact("two artifacts of the same kind")
        }
        guard let metaArtifact = sorted.first(where: { $0.kind == .metaLearner }) else {
            throw ModelError.unusableData("an ensemble needs its meta-learner artifact")
        }
        meta = try MetaLearner(artifact: metaArtifact)
        let base = sorted.filter { $0.kind != .metaLearner }
        guard meta.baseModelCount == base.count, meta.trustCount == 0 || meta.trustCount == base.count else {
            throw ModelError.unusableData(
                "the meta-learner expects \(meta.baseModelCount) base models, "
                    + "got \(base.count)")
        }
        baseModels = try base.map { artifact in
            BoostedTreeModel.kinds.contains(artifact.kind)
                ? .tree(try BoostedTreeModel(artifact: artifact)) : .sequence(try SequenceModel(artifact: artifact))
        }
        baseKinds = base.map(\.kind)
        self.artifacts = sorted
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt32(sorted.count).littleEndian) { bytes += $0 }
        for artifact in sorted {
            bytes += Array(artifact.kind.rawValue.utf8) + [0]
            bytes += artifact.sha256.bytes
        }
        sha256 = Hash256.of(bytes)
    }

    /// Every symbol's prediction: `features` holds one row per symbol for the tree models, `windows` one window
    /// per symbol for the sequence models (may be empty when there are none), `trustWeights` one weight per base
    /// model (empty when the meta-learner was fitted without them).
    public func predict(
        features: FeatureMatrix, windows: [[Double]], trustWeights: [Double],
        regimes: [Regime]
    ) throws -> [EnsemblePrediction] {
        let count = features.rowCount
        precondition(regimes.count == count, "one regime per symbol")
        if baseModels.contains(where: { if case .sequence = $0 { true } else { false } }) {
            precondition(windows.count == count, "one window per symbol")
        }
        @Sendable func column(_ model: BaseModel) throws -> [Double] {
            switch model {
            case .tree(let tree): return try tree.predict(features)
            case .sequence(let network): return network.probabilities(windows: windows)
            }
        }
        let columns: [[Double]]
        if inferenceThreads <= 1 || baseModels.count < 2 {
            // One DMatrix of the hour's rows for every tree model (each only reads it).
            let hasTrees = baseModels.contains { if case .tree = $0 { true } else { false } }
            let matrix = hasTrees && count > 0 ? try XGBoostMatrix(features) : nil
            columns = try baseModels.map { model in
                switch model {
                case .tree(let tree): return try matrix.map { try tree.predict($0) } ?? []
                case .sequence(let network): return network.probabilities(windows: windows)
                }
            }
        } else {
            // Sequence models (the slowest) first; each column lands at its model's index.
            let schedule =
                baseModels.indices.filter { if case .sequence = baseModels[$0] { true } else { false } }
                .reversed() + baseModels.indices.filter { if case .tree = baseModels[$0] { true } else { false } }
            let next = Mutex(0)
            let results = Mutex([Result<[Double], any Error>?](repeating: nil, count: baseModels.count))
            DispatchQueue.concurrentPerform(iterations: min(inferenceThreads, baseModels.count)) { _ in
                while true {
                    let position: Int = next.withLock { value in
                        defer { value += 1 }
                        return value
                    }
                    guard position < schedule.count else { return }
                    let index = schedule[position]
                    let result = Result { try column(baseModels[index]) }
                    results.withLock { $0[index] = result }
                }
            }
            columns = try results.withLock { $0 }.map { try $0!.get() }
        }
        return (0..<count).map { symbol in
            let base = columns.map { $0[symbol] }
            return EnsemblePrediction(
                baseProbabilities: base,
                decision: meta.decide(
                    baseProbabilities: base, trustWeights: trustWeights,
                    regime: regimes[symbol]))
        }
    }
}
