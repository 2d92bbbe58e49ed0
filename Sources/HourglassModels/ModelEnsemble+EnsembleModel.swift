import HourglassCore

/// The Core reducer's view of a trained ensemble: one batch of feature rows (and sequence windows) per hour
/// in, base probabilities and the meta-learner's decision out.
extension ModelEnsemble: EnsembleModel {
    public var ensembleSha256: Hash256 { sha256 }

    public var artifactReferences: [ModelArtifactReference] {
        artifacts.map { ModelArtifactReference(kind: $0.kind.rawValue, sha256: $0.sha256) }
    }

    public var baseKindNames: [String] { baseKinds.map(\.rawValue) }

    /// The windows the retraining built its sequence samples with (0 without a sequence model).
    public var sequenceStepCount: Int {
        baseKinds.contains { $0 == .lstm || $0 == .transformer } ? EnsembleRetraining().stepCount : 0
    }

    /// True when the meta-learner was fitted with one trust weight per base model.
    public var usesTrustWeights: Bool { trustCount > 0 }

    /// Every symbol's output; nil when XGBoost refuses the batch (the reducer then proposes no entry).
    public func predictHour(_ inputs: [EnsembleInput], trustWeights: [Double]) -> [EnsembleOutput]? {
        guard trustWeights.count == trustCount else { return nil }
        let features = FeatureMatrix(rows: inputs.map { $0.row.values.map(Float.init) })
        // The training samples' values pass through Float (`EnsembleRetraining.samples`): so do these.
        let windows = sequenceStepCount == 0 ? [] : inputs.map { $0.window.map { Double(Float($0)) } }
        guard
            let predictions = try? predict(
                features: features, windows: windows, trustWeights: trustWeights,
                regimes: inputs.map(\.row.regime))
        else { return nil }
        return predictions.map { prediction in
            EnsembleOutput(
                baseProbabilities: prediction.baseProbabilities, metaProbability: prediction.decision.probability,
                netEdge: prediction.decision.expectedEdgeNet, roundTripFeeRate: MetaLabeler.roundTripFeeRate,
                trade: prediction.decision.trade)
        }
    }
}
