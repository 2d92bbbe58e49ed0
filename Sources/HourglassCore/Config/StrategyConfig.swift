/// Which signal models a run uses and how it sizes entries (`models`, `sma_cross`, `sizing`, `retrain`).
///
/// The default is the full trained ensemble (`["ensemble"]`, risk sizing, the default retrain schedule).
/// The momentum rule (`momentumBaseline`) was the default of every earlier engine version and stays a
/// named baseline: `EngineConfig.canonicalBytes` writes this section only when it differs from that
/// baseline, so a `["momentum"]` configuration keeps the bytes and hash it always had (and its golden
/// manifests stay valid), and bytes without the section still read back as the momentum rule.
public struct StrategyConfig: Sendable, Hashable {
    /// Model ids, sorted and unique: `momentum`, `sma_cross`, or ensemble models (`ensemble` = every base
    /// kind, or the kinds by name: `boost_depthwise`, `boost_leafwise`, `random_forest`, `lstm`, `transformer`).
    public var models: [String]
    /// Windows of the `sma_cross` model.
    public var smaCross: SMACrossSettings
    /// Entry sizing.
    public var sizing: SizingMode
    /// Retrain schedule of the ensemble (in the bytes only when ensemble models are named).
    public var retrain: RetrainSettings

    /// Creates a section; `models` is sorted here, and `retrain` kept only when ensemble models are named
    /// (rule models never retrain, so their configuration keeps one form and one hash).
    public init(models: [String], smaCross: SMACrossSettings, sizing: SizingMode, retrain: RetrainSettings = .default) {
        self.models = models.sorted()
        self.smaCross = smaCross
        self.sizing = sizing
        self.retrain = .default
        if usesEnsemble { self.retrain = retrain }
    }

    /// The id naming every ensemble base kind at once.
    public static let ensembleModelId = "ensemble"
    /// The ensemble's base kinds (HourglassModels' `ModelKind` raw values), sorted; the meta-learner is implied.
    public static let ensembleBaseKinds = ["boost_depthwise", "boost_leafwise", "lstm", "random_forest", "transformer"]
    /// The base kinds that read windows of recent feature rows.
    public static let sequenceKinds = ["lstm", "transformer"]

    /// The ensemble base kinds the models name, sorted (empty for rule models).
    public var ensembleKinds: [String] {
        if models.contains(Self.ensembleModelId) { return Self.ensembleBaseKinds }
        return models.filter { Self.ensembleBaseKinds.contains($0) }
    }

    /// True when the ensemble decides entries.
    public var usesEnsemble: Bool { !ensembleKinds.isEmpty }

    /// True when an ensemble base kind reads windows of recent rows (the state then keeps them).
    public var usesSequenceModels: Bool { ensembleKinds.contains { Self.sequenceKinds.contains($0) } }

    /// The full ensemble (every base kind and the meta-learner), sized from risk, retrained on the default schedule.
    public static let `default` = StrategyConfig(
        models: [ensembleModelId], smaCross: .default, sizing: .risk, retrain: .default)

    /// The momentum rule, sized from risk: the default of earlier engine versions, kept as the named baseline.
    public static let momentumBaseline = StrategyConfig(
        models: [MomentumSignal.modelId], smaCross: .default, sizing: .risk)

    /// Every model id a configuration may name.
    public static let knownModels =
        [MomentumSignal.modelId, SMACrossSignal.modelId, ensembleModelId]
        + ensembleBaseKinds

    /// True when every model is a crossing rule (`sma_cross`): the rule alone decides entries (a
    /// cross up) and exits (a cross down); the regime, edge and breadth gates and `ExitPolicy`'s
    /// stops, targets and time limits are not applied.
    public var isCrossingRule: Bool { models == [SMACrossSignal.modelId] }

    func encode(to writer: inout ByteWriter) {
        writer.write(array: models) { $0.write(string: $1) }
        smaCross.encode(to: &writer)
        sizing.encode(to: &writer)
        if usesEnsemble { retrain.encode(to: &writer) }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> StrategyConfig {
        var strategy = StrategyConfig(
            models: try reader.readArray { r throws(CodecError) in try r.readString() },
            smaCross: try SMACrossSettings.decode(from: &reader), sizing: try SizingMode.decode(from: &reader))
        if strategy.usesEnsemble {
            strategy = StrategyConfig(
                models: strategy.models, smaCross: strategy.smaCross, sizing: strategy.sizing,
                retrain: try RetrainSettings.decode(from: &reader))
        }
        return strategy
    }

    /// The first problem of the section against the feature windows, or nil.
    func validationProblem(features: FeatureWindows) -> EngineConfigError? {
        if models.isEmpty { return .invalidValue("models", reason: "at least one model is needed") }
        if Set(models).count != models.count { return .invalidValue("models", reason: "model ids must be unique") }
        for model in models where !Self.knownModels.contains(model) {
            return .invalidValue(
                "models", reason: "'\(model)' is not a model (\(Self.knownModels.joined(separator: ", ")))")
        }
        if usesEnsemble, models.contains(where: { $0 == MomentumSignal.modelId || $0 == SMACrossSignal.modelId }) {
            return .invalidValue(
                "models", reason: "ensemble models decide alone: they cannot be combined with momentum or sma_cross")
        }
        if models.contains(Self.ensembleModelId), models.count > 1 {
            return .invalidValue("models", reason: "'ensemble' already names every base kind: list nothing else")
        }
        if models.contains(SMACrossSignal.modelId), smaCross.slowHours + 1 > features.closeCapacity {
            return .invalidValue(
                "sma_cross.slow_hours",
                reason: "needs \(smaCross.slowHours + 1) closes; the windows keep \(features.closeCapacity)")
        }
        if models.contains(SMACrossSignal.modelId), smaCross.slowHours > features.minHistoryHours {
            return .invalidValue(
                "sma_cross.slow_hours",
                reason: "must not exceed features.min_history_hours (\(features.minHistoryHours))")
        }
        return nil
    }
}
