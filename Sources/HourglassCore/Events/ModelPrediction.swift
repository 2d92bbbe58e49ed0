/// What the trained ensemble saw and said for one symbol-hour, recorded in `PredictionMade`: the feature
/// vector, the artifacts it came from, every base probability and the meta-learner's probability and edge.
public struct ModelPrediction: Sendable, Hashable {
    /// The feature row's values (`FeatureRow.columnNames` order).
    public var features: [Double]
    /// The ensemble's SHA-256 (over every artifact's).
    public var ensembleSha256: Hash256
    /// Every artifact, sorted by kind.
    public var artifacts: [ModelArtifactReference]
    /// One probability per base model, in the order of the base artifacts (the meta-learner excluded).
    public var baseProbabilities: [Double]
    public var metaProbability: Double
    /// Expected edge net of the round-trip fee.
    public var netEdge: Double
    /// The meta-learner's own trade flag.
    public var trade: Bool
    /// The hour's Thompson trust draws the meta-learner read (nil when it was fitted without trust weights).
    public var trust: TrustDraws?

    /// Creates a record.
    public init(
        features: [Double], ensembleSha256: Hash256, artifacts: [ModelArtifactReference],
        baseProbabilities: [Double], metaProbability: Double, netEdge: Double, trade: Bool,
        trust: TrustDraws? = nil
    ) {
        self.features = features
        self.ensembleSha256 = ensembleSha256
        self.artifacts = artifacts
        self.baseProbabilities = baseProbabilities
        self.metaProbability = metaProbability
        self.netEdge = netEdge
        self.trade = trade
        self.trust = trust
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(doubles: features)
        writer.write(raw: ensembleSha256.bytes)
        writer.write(array: artifacts) { w, artifact in
            w.write(string: artifact.kind)
            w.write(raw: artifact.sha256.bytes)
        }
        writer.write(doubles: baseProbabilities)
        writer.write(double: metaProbability)
        writer.write(double: netEdge)
        writer.write(bool: trade)
        trust?.encode(to: &writer)
    }

    /// Decodes a record; `withTrust` reads the trust draws that follow it (`PredictionMade` version 3).
    static func decode(from reader: inout ByteReader, withTrust: Bool) throws(CodecError) -> ModelPrediction {
        var record = ModelPrediction(
            features: try reader.readDoubles(),
            ensembleSha256: Hash256(bytes: try reader.readRaw(count: 32)),
            artifacts: try reader.readArray { r throws(CodecError) in
                ModelArtifactReference(kind: try r.readString(), sha256: Hash256(bytes: try r.readRaw(count: 32)))
            },
            baseProbabilities: try reader.readDoubles(),
            metaProbability: try reader.readDouble(),
            netEdge: try reader.readDouble(), trade: try reader.readBool())
        if withTrust { record.trust = try TrustDraws.decode(from: &reader) }
        return record
    }

    /// The record as JSON (features and base probabilities by name).
    public var json: JSONValue {
        let baseKinds = artifacts.map(\.kind).filter { $0 != "meta_logistic" }
        var base: [String: JSONValue] = [:]
        for (index, probability) in baseProbabilities.enumerated() {
            base[index < baseKinds.count ? baseKinds[index] : "base_\(index)"] = .double(probability)
        }
        var named: [String: JSONValue] = [:]
        for index in features.indices {
            named[index < FeatureRow.columnNames.count ? FeatureRow.columnNames[index] : "f\(index)"] =
                .double(features[index])
        }
        var fields: [String: JSONValue] = [
            "features": .object(named), "ensemble_sha256": .hash(ensembleSha256),
            "artifacts": .array(artifacts.map { .object(["kind": .string($0.kind), "sha256": .hash($0.sha256)]) }),
            "base_probabilities": .object(base), "meta_probability": .double(metaProbability),
            "net_edge": .double(netEdge), "meta_trade": .bool(trade),
        ]
        if let trust { fields["trust"] = trust.json }
        return .object(fields)
    }
}
