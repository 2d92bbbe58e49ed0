/// Architecture and training settings of the LSTM or the Transformer, recorded with every trained model.
///
/// Training runs in `Double` on one thread in a fixed order: Adam, mini-batches of `batchSize` windows in a
/// seeded order per epoch. Above `sampleLimit` windows, a seeded subset of that size (kept in time order)
/// trains instead, so one retraining stays within its time budget; the rule and its seed are recorded here.
public struct SequenceModelParameters: Sendable, Hashable {
    /// `.lstm` or `.transformer`.
    public var kind: ModelKind
    /// Hours per window (48 by default).
    public var stepCount: Int
    /// Features per hour.
    public var featureCount: Int
    /// LSTM hidden units, or the Transformer's model width d.
    public var width: Int
    /// Attention heads (Transformer only).
    public var headCount: Int
    /// Encoder blocks (Transformer only).
    public var layerCount: Int
    /// Feed-forward width (Transformer only).
    public var feedForwardWidth: Int
    public var epochs: Int
    public var batchSize: Int
    /// Adam's step size.
    public var learningRate: Double
    /// Most windows one training uses (a seeded subset above it).
    public var sampleLimit: Int
    /// Seed of the initial weights, the subset and the sample order.
    public var seed: UInt64

    /// Defaults sized for the 60-second ensemble budget on 2 years × 5 symbols and the 5 ms budget of one hour's
    /// inference for 50 symbols: an LSTM of 8 units; a Transformer of width 16, 2 heads, 1 block, feed-forward
    /// 32 (the softmax's 48² exponentials per head and block dominate its cost). Chosen by speed only.
    public static func defaults(_ kind: ModelKind, featureCount: Int, seed: UInt64 = 20_260_101) -> Self {
        switch kind {
        case .lstm:
            return Self(
                kind: kind, stepCount: 48, featureCount: featureCount, width: 8, headCount: 1, layerCount: 1,
                feedForwardWidth: 0, epochs: 2, batchSize: 32, learningRate: 0.003, sampleLimit: 4_096,
                seed: seed)
        default:
            precondition(kind == .transformer, "\(kind) is not a sequence model")
            return Self(
                kind: kind, stepCount: 48, featureCount: featureCount, width: 16, headCount: 2, layerCount: 1,
                feedForwardWidth: 32, epochs: 1, batchSize: 32, learningRate: 0.001, sampleLimit: 2_048,
                seed: seed)
        }
    }

    /// Canonical JSON with sorted keys, as `ModelTrained` records it. `exp` names the networks' exponential
    /// (`NetworkMath`), `readout` the hour the head reads (the LSTM's last hidden state; the Transformer's last
    /// row).
    public var canonicalJSON: String {
        let fields: [(String, String)] = [
            ("arithmetic", "\"float64-fixed-order\""), ("batch_size", "\(batchSize)"), ("epochs", "\(epochs)"),
            ("exp", "\"estrin12-division-free\""), ("feature_count", "\(featureCount)"),
            ("feed_forward_width", "\(feedForwardWidth)"), ("head_count", "\(headCount)"),
            ("kind", "\"\(kind.rawValue)\""), ("layer_count", "\(layerCount)"), ("learning_rate", "\(learningRate)"),
            ("optimizer", "\"adam(0.9,0.999,1e-8)\""), ("readout", "\"last_hour\""),
            ("sample_limit", "\(sampleLimit)"), ("seed", "\(seed)"), ("step_count", "\(stepCount)"),
            ("threads", "1"), ("width", "\(width)"),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// The network these parameters describe.
    var network: any SequenceNetwork {
        switch kind {
        case .lstm: return LSTMNetwork(stepCount: stepCount, featureCount: featureCount, hiddenCount: width)
        default:
            return TransformerNetwork(
                stepCount: stepCount, featureCount: featureCount, width: width,
                headCount: headCount, layerCount: layerCount, feedForwardWidth: feedForwardWidth)
        }
    }
}
