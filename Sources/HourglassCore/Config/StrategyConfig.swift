/// Which signal models a run uses and how it sizes entries (`models`, `sma_cross`, `sizing`).
///
/// The default (`["momentum"]`, risk sizing) is the baseline of every earlier engine version, and
/// `EngineConfig.canonicalBytes` writes this section only when it differs from the default, so the
/// default configuration keeps its bytes and hash (and the golden manifests stay valid).
public struct StrategyConfig: Sendable, Hashable {
    /// Model ids, sorted and unique: `momentum`, `sma_cross`.
    public var models: [String]
    /// Windows of the `sma_cross` model.
    public var smaCross: SMACrossSettings
    /// Entry sizing.
    public var sizing: SizingMode

    /// Creates a section; `models` is sorted here.
    public init(models: [String], smaCross: SMACrossSettings, sizing: SizingMode) {
        self.models = models.sorted()
        self.smaCross = smaCross
        self.sizing = sizing
    }

    /// The momentum rule, sized from risk.
    public static let `default` = StrategyConfig(models: [MomentumSignal.modelId], smaCross: .default, sizing: .risk)

    /// Every model id a configuration may name.
    public static let knownModels = [MomentumSignal.modelId, SMACrossSignal.modelId]

    /// True when every model is a crossing rule (`sma_cross`): the rule alone decides entries (a
    /// cross up) and exits (a cross down); the regime, edge and breadth gates and `ExitPolicy`'s
    /// stops, targets and time limits are not applied.
    public var isCrossingRule: Bool { models == [SMACrossSignal.modelId] }

    func encode(to writer: inout ByteWriter) {
        writer.write(array: models) { $0.write(string: $1) }
        smaCross.encode(to: &writer)
        sizing.encode(to: &writer)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> StrategyConfig {
        StrategyConfig(
            models: try reader.readArray { r throws(CodecError) in try r.readString() },
            smaCross: try SMACrossSettings.decode(from: &reader), sizing: try SizingMode.decode(from: &reader))
    }

    /// The first problem of the section against the feature windows, or nil.
    func validationProblem(features: FeatureWindows) -> EngineConfigError? {
        if models.isEmpty { return .invalidValue("models", reason: "at least one model is needed") }
        if Set(models).count != models.count { return .invalidValue("models", reason: "model ids must be unique") }
        for model in models where !Self.knownModels.contains(model) {
            return .invalidValue(
                "models", reason: "'\(model)' is not a model (\(Self.knownModels.joined(separator: ", ")))")
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
