/// A trained batch model for one hour: every symbol's feature row (and, for sequence models, its recent
/// rows) in, per symbol the base probabilities, the meta-learner's probability, net edge and trade flag out.
///
/// The reducer never trains: the shell rebuilds an `EnsembleModel` from the artifacts that `ModelTrained`
/// events name (HourglassModels' `ModelEnsemble` conforms) and passes it in the `ModelSet`. Inference must be
/// pure and bit-reproducible: the same inputs and artifacts give the same doubles.
public protocol EnsembleModel: Sendable {
    /// SHA-256 over every artifact's kind and SHA-256 in kind order.
    var ensembleSha256: Hash256 { get }
    /// Every artifact (base models and meta-learner), sorted by kind.
    var artifactReferences: [ModelArtifactReference] { get }
    /// The base models' kinds, sorted: the order of `EnsembleOutput.baseProbabilities`.
    var baseKindNames: [String] { get }
    /// Rows per symbol the sequence models read (0 when the ensemble has none).
    var sequenceStepCount: Int { get }
    /// True when the meta-learner reads one Thompson trust weight per base model (`ThompsonTrust`).
    var usesTrustWeights: Bool { get }
    /// Every symbol's output, in `inputs` order; nil when the models cannot score these inputs (the reducer
    /// then proposes no entry, `no_entry:model_error`). `trustWeights` holds the hour's weight per base model in
    /// `baseKindNames` order (empty unless `usesTrustWeights`).
    func predictHour(_ inputs: [EnsembleInput], trustWeights: [Double]) -> [EnsembleOutput]?
}

/// One trained artifact as a prediction names it: kind and SHA-256 of its bytes.
public struct ModelArtifactReference: Sendable, Hashable {
    /// `ModelKind` raw value (`boost_depthwise`, `lstm`, `meta_logistic`, …).
    public var kind: String
    public var sha256: Hash256

    /// Creates a reference.
    public init(kind: String, sha256: Hash256) {
        self.kind = kind
        self.sha256 = sha256
    }
}

/// One symbol's inputs at hour H.
public struct EnsembleInput: Sendable, Hashable {
    /// The hour's feature row (`FeatureRow.columnNames` order), bars up to H only.
    public var row: FeatureRow
    /// The symbol's last `sequenceStepCount` rows' values, oldest first, flattened (the last is `row`'s);
    /// empty when the ensemble has no sequence model or fewer rows exist yet.
    public var window: [Double]

    /// Creates an input.
    public init(row: FeatureRow, window: [Double]) {
        self.row = row
        self.window = window
    }
}

/// One symbol's ensemble output at hour H.
public struct EnsembleOutput: Sendable, Hashable {
    /// Every base model's probability that a long entry reaches its upper barrier, in `baseKindNames` order.
    public var baseProbabilities: [Double]
    /// The meta-learner's probability: the one final trade decisions come from.
    public var metaProbability: Double
    /// Expected return of an entry net of the round-trip fee, as a fraction of notional.
    public var netEdge: Double
    /// The round-trip fee rate the meta-learner subtracted (gross edge = `netEdge` + this).
    public var roundTripFeeRate: Double
    /// The meta-learner's own "trade / no trade".
    public var trade: Bool

    /// Creates an output.
    public init(
        baseProbabilities: [Double], metaProbability: Double, netEdge: Double, roundTripFeeRate: Double,
        trade: Bool
    ) {
        self.baseProbabilities = baseProbabilities
        self.metaProbability = metaProbability
        self.netEdge = netEdge
        self.roundTripFeeRate = roundTripFeeRate
        self.trade = trade
    }
}
