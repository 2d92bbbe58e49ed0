/// The models a run uses, sorted by id, with one combined SHA-256 recorded in `RunStarted` and manifests.
///
/// Either rule models (`momentum`, `sma_cross`: the set averages score, edge and confidence over them in id
/// order), or the trained ensemble (`ensembleKinds`, with the meta-learner deciding alone). An ensemble set
/// holds the `EnsembleModel` the shell rebuilt from the latest `ModelTrained` artifacts, or none before the
/// first training succeeded (the strategy then stays flat).
public struct ModelSet: Sendable {
    /// The rule models, sorted by id (ids unique); empty in an ensemble set.
    public let models: [any SignalModel]
    /// The ensemble's configured base kinds, sorted; empty without an ensemble.
    public let ensembleKinds: [String]
    /// The trained ensemble, or nil while none is trained yet.
    public let ensemble: (any EnsembleModel)?
    /// SHA-256 over (count, then id, version and parameter hash of each model in order); for an ensemble
    /// set over its kinds and the trained ensemble's SHA-256 (which covers every artifact's), so it changes
    /// whenever a model does. Computed once, as the set is immutable and the reducer records it every hour.
    public let sha256: Hash256

    /// Creates a set of rule models; traps on an empty list or duplicate ids.
    public init(_ models: [any SignalModel]) {
        precondition(!models.isEmpty, "a model set needs at least one model")
        let sorted = models.sorted { $0.id < $1.id }
        precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0.id < $1.id }, "model ids must be unique")
        self.models = sorted
        ensembleKinds = []
        ensemble = nil
        sha256 = Self.digest(sorted)
    }

    /// Creates an ensemble set of `kinds` (sorted here), trained (`ensemble`) or not yet (nil).
    public init(ensembleKinds kinds: [String], ensemble: (any EnsembleModel)?) {
        precondition(!kinds.isEmpty, "an ensemble set needs at least one base kind")
        models = []
        ensembleKinds = kinds.sorted()
        self.ensemble = ensemble
        var writer = ByteWriter()
        writer.write(byte: 2)
        writer.write(array: ensembleKinds) { $0.write(string: $1) }
        writer.write(optional: ensemble?.ensembleSha256) { $0.write(raw: $1.bytes) }
        sha256 = Hash256.of(writer.bytes)
    }

    /// True for an ensemble set (trained or not).
    public var usesEnsemble: Bool { !ensembleKinds.isEmpty }

    /// This set with `ensemble` in place of its trained ensemble (an ensemble set only).
    public func with(ensemble: (any EnsembleModel)?) -> ModelSet {
        precondition(usesEnsemble, "only an ensemble set holds a trained ensemble")
        return ModelSet(ensembleKinds: ensembleKinds, ensemble: ensemble)
    }

    /// The models `config.strategy.models` names, untrained: `momentum` (configured by `config.signal`,
    /// the default) and `sma_cross` (by `config.strategy.smaCross`), or the ensemble's kinds with no trained
    /// ensemble yet (`RunStarted` records this set's SHA-256).
    public static func baseline(config: EngineConfig) -> ModelSet {
        let kinds = config.strategy.ensembleKinds
        if !kinds.isEmpty { return ModelSet(ensembleKinds: kinds, ensemble: nil) }
        return ModelSet(
            config.strategy.models.map { id -> any SignalModel in
                switch id {
                case SMACrossSignal.modelId: return SMACrossSignal(settings: config.strategy.smaCross)
                case MomentumSignal.modelId: return MomentumSignal(thresholds: config.signal)
                default: preconditionFailure("unknown model \(id) (EngineConfig validation lets none through)")
                }
            })
    }

    /// `id@version` of every model, joined with `+`; `ensemble@1(kind,…)` for an ensemble set.
    public var id: String {
        if usesEnsemble { return "ensemble@1(" + ensembleKinds.joined(separator: ",") + ")" }
        return models.map { "\($0.id)@\($0.version)" }.joined(separator: "+")
    }

    static func digest(_ models: [any SignalModel]) -> Hash256 {
        var writer = ByteWriter()
        writer.write(byte: 1)
        writer.write(array: models) { w, model in
            w.write(string: model.id)
            w.write(string: model.version)
            w.write(raw: model.parametersSha256.bytes)
        }
        return Hash256.of(writer.bytes)
    }

    /// The combined prediction: the mean of every model's, summed in id order.
    public func predict(features: SymbolFeatures, context: SignalContext) -> Prediction {
        var score = 0.0
        var edge = 0.0
        var confidence = 0.0
        for model in models {
            let prediction = model.predict(features: features, context: context)
            score += prediction.score
            edge += prediction.expectedEdge
            confidence += prediction.confidence
        }
        let count = Double(models.count)
        return Prediction(
            symbol: context.symbol, score: score / count, expectedEdge: edge / count, confidence: confidence / count)
    }
}
