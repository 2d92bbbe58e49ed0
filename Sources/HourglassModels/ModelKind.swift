/// Every kind of trained model the ensemble holds, by the id recorded in events.
public enum ModelKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// XGBoost depth-wise gradient boosting (`tree_method=hist`, `grow_policy=depthwise`).
    case depthWiseBoost = "boost_depthwise"
    /// LightGBM's leaf-wise growth through XGBoost (`grow_policy=lossguide`).
    case leafWiseBoost = "boost_leafwise"
    /// A random forest: one round of `num_parallel_tree` trees on row and column subsamples.
    case randomForest = "random_forest"
    /// An LSTM over the last hours' feature vectors.
    case lstm
    /// A small Transformer encoder over the last hours' feature vectors.
    case transformer
    /// The stacking logistic regression on out-of-fold base predictions and the regime.
    case metaLearner = "meta_logistic"

    public static func < (lhs: ModelKind, rhs: ModelKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
