/// The models a run uses, sorted by id, with one combined SHA-256 recorded in `RunStarted` and manifests.
///
/// Until the meta-learner arrives (its own issue), the set combines by averaging score, edge and
/// confidence over the models in id order.
public struct ModelSet: Sendable {
    /// The models, sorted by id (ids unique).
    public let models: [any SignalModel]
    /// SHA-256 over (count, then id, version and parameter hash of each model in order); computed
    /// once, as the set is immutable and the reducer records it every hour.
    public let sha256: Hash256

    /// Creates a set; traps on an empty list or duplicate ids.
    public init(_ models: [any SignalModel]) {
        precondition(!models.isEmpty, "a model set needs at least one model")
        let sorted = models.sorted { $0.id < $1.id }
        precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0.id < $1.id }, "model ids must be unique")
        self.models = sorted
        sha256 = Self.digest(sorted)
    }

    /// The models `config.strategy.models` names: `momentum` (configured by `config.signal`, the
    /// default) and `sma_cross` (by `config.strategy.smaCross`).
    public static func baseline(config: EngineConfig) -> ModelSet {
        ModelSet(
            config.strategy.models.map { id -> any SignalModel in
                switch id {
                case SMACrossSignal.modelId: return SMACrossSignal(settings: config.strategy.smaCross)
                case MomentumSignal.modelId: return MomentumSignal(thresholds: config.signal)
                default: preconditionFailure("unknown model \(id) (EngineConfig validation lets none through)")
                }
            })
    }

    /// `id@version` of every model, joined with `+`.
    public var id: String { models.map { "\($0.id)@\($0.version)" }.joined(separator: "+") }

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
