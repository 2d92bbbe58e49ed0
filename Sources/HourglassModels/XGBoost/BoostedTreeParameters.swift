import CXGBoost

/// Hyper-parameters of one XGBoost model (boosted trees or random forest), seed and thread count included.
///
/// `canonicalJSON` is what `ModelTrained` records; `xgboostParameters` is what the library receives, in a
/// fixed order. One thread and a fixed seed make two trainings on the same data byte-identical.
public struct BoostedTreeParameters: Sendable, Hashable {
    /// Which of the three tree models.
    public var kind: ModelKind
    /// Boosting rounds (1 for the random forest).
    public var rounds: Int
    /// Shrinkage `eta` (1 for the random forest).
    public var learningRate: Double
    /// Maximum depth (0 = unlimited, for leaf-wise growth).
    public var maxDepth: Int
    /// Maximum leaves per tree (0 = unlimited; the leaf-wise limit).
    public var maxLeaves: Int
    /// Minimum hessian sum in a child.
    public var minChildWeight: Double
    /// Row subsample per tree.
    public var subsample: Double
    /// Column subsample per tree.
    public var columnSampleByTree: Double
    /// Column subsample per split.
    public var columnSampleByNode: Double
    /// Trees per round (the forest's size).
    public var parallelTrees: Int
    /// L2 regularisation of leaf weights (`lambda`).
    public var l2: Double
    /// Histogram bins per feature.
    public var maxBin: Int
    /// XGBoost's `seed`.
    public var seed: UInt32
    /// XGBoost's `nthread`: 1, so results never depend on the core count.
    public var threadCount: Int

    /// The defaults for `kind`: small enough that the whole ensemble trains on 2 years × 5 symbols in seconds.
    public static func defaults(_ kind: ModelKind, seed: UInt32 = 20_260_101) -> BoostedTreeParameters {
        switch kind {
        case .leafWiseBoost:
            return BoostedTreeParameters(
                kind: kind, rounds: 100, learningRate: 0.05, maxDepth: 0, maxLeaves: 15,
                minChildWeight: 5, subsample: 0.8, columnSampleByTree: 0.8,
                columnSampleByNode: 1, parallelTrees: 1, l2: 1, maxBin: 64, seed: seed,
                threadCount: 1)
        case .randomForest:
            return BoostedTreeParameters(
                kind: kind, rounds: 1, learningRate: 1, maxDepth: 6, maxLeaves: 0,
                minChildWeight: 5, subsample: 0.632, columnSampleByTree: 1,
                columnSampleByNode: 0.5, parallelTrees: 100, l2: 1, maxBin: 64, seed: seed,
                threadCount: 1)
        default:
            precondition(kind == .depthWiseBoost, "\(kind) is not an XGBoost model")
            return BoostedTreeParameters(
                kind: kind, rounds: 100, learningRate: 0.05, maxDepth: 4, maxLeaves: 0,
                minChildWeight: 5, subsample: 0.8, columnSampleByTree: 0.8,
                columnSampleByNode: 1, parallelTrees: 1, l2: 1, maxBin: 64, seed: seed,
                threadCount: 1)
        }
    }

    /// The library's version (`1.7.4`), recorded with the parameters: another version may build other trees.
    public static var libraryVersion: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        XGBoostVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// The parameters XGBoost receives, sorted by name.
    public var xgboostParameters: [(name: String, value: String)] {
        [
            ("base_score", "0.5"), ("booster", "gbtree"), ("colsample_bynode", "\(columnSampleByNode)"),
            ("colsample_bytree", "\(columnSampleByTree)"), ("eta", "\(learningRate)"),
            ("grow_policy", kind == .leafWiseBoost ? "lossguide" : "depthwise"), ("lambda", "\(l2)"),
            ("max_bin", "\(maxBin)"), ("max_depth", "\(maxDepth)"), ("max_leaves", "\(maxLeaves)"),
            ("min_child_weight", "\(minChildWeight)"), ("nthread", "\(threadCount)"),
            ("num_parallel_tree", "\(parallelTrees)"), ("objective", "binary:logistic"), ("seed", "\(seed)"),
            ("subsample", "\(subsample)"), ("tree_method", "hist"), ("verbosity", "0"),
        ]
    }

    /// Canonical JSON of everything that determines the model: kind, library version, rounds and parameters.
    public var canonicalJSON: String {
        var fields = xgboostParameters.map { (name: $0.name, value: $0.value) }
        fields.append(("kind", kind.rawValue))
        fields.append(("library", "xgboost \(Self.libraryVersion)"))
        fields.append(("rounds", "\(rounds)"))
        fields.sort { $0.name < $1.name }
        return "{" + fields.map { "\"\($0.name)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
    }
}
