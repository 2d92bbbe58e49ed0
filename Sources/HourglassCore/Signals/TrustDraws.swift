/// One hour's Thompson draws as `PredictionMade` records them: per base-model kind, the posterior drawn from,
/// the draw and the weight the meta-learner received.
public struct TrustDraws: Sendable, Hashable {
    /// The base-model kinds, in the ensemble's order.
    public var kinds: [String]
    public var alphas: [Double]
    public var betas: [Double]
    /// One Beta draw per kind from `SeededGenerator(run seed, hour, "thompson_trust")`.
    public var draws: [Double]
    /// The draws scaled to sum to 1: the meta-learner's trust inputs.
    public var weights: [Double]

    /// Creates a record; every array holds one value per kind.
    public init(kinds: [String], alphas: [Double], betas: [Double], draws: [Double], weights: [Double]) {
        precondition(
            [alphas.count, betas.count, draws.count, weights.count].allSatisfy { $0 == kinds.count },
            "one value per kind")
        self.kinds = kinds
        self.alphas = alphas
        self.betas = betas
        self.draws = draws
        self.weights = weights
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(array: kinds) { $0.write(string: $1) }
        writer.write(doubles: alphas)
        writer.write(doubles: betas)
        writer.write(doubles: draws)
        writer.write(doubles: weights)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> TrustDraws {
        let kinds = try reader.readArray { r throws(CodecError) in try r.readString() }
        var columns: [[Double]] = []
        for _ in 0..<4 { columns.append(try reader.readDoubles()) }
        guard columns.allSatisfy({ $0.count == kinds.count }) else {
            throw .invalidValue("TrustDraws needs one value per kind")
        }
        return TrustDraws(kinds: kinds, alphas: columns[0], betas: columns[1], draws: columns[2], weights: columns[3])
    }

    /// Per kind: `{"alpha", "beta", "draw", "weight"}`.
    public var json: JSONValue {
        var byKind: [String: JSONValue] = [:]
        for index in kinds.indices {
            byKind[kinds[index]] = .object([
                "alpha": .double(alphas[index]), "beta": .double(betas[index]), "draw": .double(draws[index]),
                "weight": .double(weights[index]),
            ])
        }
        return .object(byKind)
    }
}
