/// One symbol's ensemble output: every base model's probability (in `ModelEnsemble.baseKinds` order) and the
/// meta-learner's decision, which alone decides whether to trade.
public struct EnsemblePrediction: Sendable, Hashable {
    public var baseProbabilities: [Double]
    public var decision: MetaDecision
}
