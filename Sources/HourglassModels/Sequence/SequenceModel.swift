import HourglassCore

/// A trained LSTM or Transformer: its parameters and weights, as an artifact, and pure inference.
///
/// Artifact bytes (all little-endian): "HGSQ", format version u16 = 2 (1: `PortableMath.exp` in the networks
/// and a mean-pooled Transformer; no longer read), the parameters (kind as a
/// length-prefixed UTF-8 string, then u32 step, feature, width, head, layer, feed-forward, epoch, batch and
/// sample-limit counts, learning rate as f64 bits, seed u64), the weight count u64, then every weight's
/// IEEE-754 f64 bits in layout order.
public struct SequenceModel: Sendable {
    public let parameters: SequenceModelParameters
    /// The weights in the network's layout order.
    public let weights: [Double]
    /// The canonical bytes and their SHA-256.
    public let artifact: ModelArtifact
    private let network: any SequenceNetwork

    static let magic: [UInt8] = Array("HGSQ".utf8)
    static let formatVersion: UInt16 = 2

    init(parameters: SequenceModelParameters, weights: [Double]) {
        self.parameters = parameters
        self.weights = weights
        network = parameters.network
        precondition(weights.count == network.parameterCount, "weights do not fit the network")
        artifact = ModelArtifact(
            kind: parameters.kind, hyperParameters: parameters.canonicalJSON,
            bytes: Self.encode(parameters, weights))
    }

    /// Trains on `dataset` (single-threaded, fixed order; see `SequenceModelParameters`).
    public static func train(_ dataset: SequenceDataset, parameters: SequenceModelParameters) throws -> SequenceModel {
        guard [.lstm, .transformer].contains(parameters.kind) else {
            throw ModelError.wrongKind(expected: "lstm or transformer", found: parameters.kind.rawValue)
        }
        guard dataset.labels.contains(true), dataset.labels.contains(false) else {
            throw ModelError.unusableData("only one class present")
        }
        let weights = SequenceTrainer.train(parameters.network, dataset: dataset, parameters: parameters)
        return SequenceModel(parameters: parameters, weights: weights)
    }

    /// Rebuilds a model from its artifact; throws on another kind or bytes that do not decode exactly.
    public init(artifact: ModelArtifact) throws {
        guard [.lstm, .transformer].contains(artifact.kind) else {
            throw ModelError.wrongKind(expected: "lstm or transformer", found: artifact.kind.rawValue)
        }
        let (parameters, weights) = try Self.decode(artifact.bytes)
        guard parameters.kind == artifact.kind, parameters.canonicalJSON == artifact.hyperParameters else {
            throw ModelError.corruptArtifact("the bytes describe other hyper-parameters than the artifact records")
        }
        self.init(parameters: parameters, weights: weights)
    }

    /// The probability of label 1 for one window (`stepCount × featureCount`, oldest hour first).
    public func probability(window: [Double]) -> Double {
        PortableMath.sigmoid(network.logit(weights, window: window))
    }

    /// The probability for every window of `dataset`: the same bits as `probability(window:)` on each.
    public func probabilities(_ dataset: SequenceDataset) -> [Double] {
        network.logits(weights, windows: dataset.windows, count: dataset.count).map(PortableMath.sigmoid)
    }

    /// The probability for each window in one batched pass: the same bits as `probability(window:)` on each.
    public func probabilities(windows: [[Double]]) -> [Double] {
        let size = parameters.stepCount * parameters.featureCount
        var flat: [Double] = []
        flat.reserveCapacity(windows.count * size)
        for window in windows {
            precondition(window.count == size, "window shape")
            flat += window
        }
        return network.logits(weights, windows: flat, count: windows.count).map(PortableMath.sigmoid)
    }

    static func encode(_ p: SequenceModelParameters, _ weights: [Double]) -> [UInt8] {
        var out = magic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        put(formatVersion)
        let kind = Array(p.kind.rawValue.utf8)
        put(UInt32(kind.count))
        out += kind
        for count in [
            p.stepCount, p.featureCount, p.width, p.headCount, p.layerCount, p.feedForwardWidth, p.epochs,
            p.batchSize, p.sampleLimit,
        ] { put(UInt32(count)) }
        put(p.learningRate.bitPattern)
        put(p.seed)
        put(UInt64(weights.count))
        for weight in weights { put(weight.bitPattern) }
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> (SequenceModelParameters, [Double]) {
        var cursor = 0
        func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard cursor + size <= bytes.count else { throw ModelError.corruptArtifact("truncated at byte \(cursor)") }
            var value: T = 0
            for index in 0..<size { value |= T(bytes[cursor + index]) << (8 * index) }
            cursor += size
            return value
        }
        guard bytes.count >= 4, Array(bytes[0..<4]) == magic else { throw ModelError.corruptArtifact("no HGSQ header") }
        cursor = 4
        guard try take(UInt16.self) == formatVersion else { throw ModelError.corruptArtifact("unknown format version") }
        let kindLength = Int(try take(UInt32.self))
        guard kindLength <= 64, cursor + kindLength <= bytes.count,
            let kind = ModelKind(rawValue: String(decoding: bytes[cursor..<cursor + kindLength], as: UTF8.self)),
            [.lstm, .transformer].contains(kind)
        else { throw ModelError.corruptArtifact("unknown model kind") }
        cursor += kindLength
        var counts: [Int] = []
        for _ in 0..<9 { counts.append(Int(try take(UInt32.self))) }
        let rate = Double(bitPattern: try take(UInt64.self))
        let seed = try take(UInt64.self)
        let parameters = SequenceModelParameters(
            kind: kind, stepCount: counts[0], featureCount: counts[1], width: counts[2], headCount: counts[3],
            layerCount: counts[4], feedForwardWidth: counts[5], epochs: counts[6], batchSize: counts[7],
            learningRate: rate, sampleLimit: counts[8], seed: seed)
        guard counts[0] > 0, counts[1] > 0, counts[2] > 0, counts[3] > 0, counts[2] % counts[3] == 0 else {
            throw ModelError.corruptArtifact("impossible architecture")
        }
        let weightCount = Int(try take(UInt64.self))
        guard weightCount == parameters.network.parameterCount, bytes.count == cursor + 8 * weightCount else {
            throw ModelError.corruptArtifact("weight count does not match the architecture")
        }
        var weights: [Double] = []
        weights.reserveCapacity(weightCount)
        for _ in 0..<weightCount { weights.append(Double(bitPattern: try take(UInt64.self))) }
        return (parameters, weights)
    }
}
