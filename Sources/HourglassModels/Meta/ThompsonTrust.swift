import HourglassCore

/// Thompson-sampling trust over the base models: one Beta posterior each, one seeded draw each per hour.
///
/// Pure: `updated` returns a new value, and `draws` depends only on the posteriors and the key
/// (run seed, hour, purpose), so a replay draws the same numbers. Beta draws are X/(X+Y) with X, Y Gamma
/// draws by Marsaglia & Tsang (2000), normals by Marsaglia's polar method, all on `PortableMath`.
public struct ThompsonTrust: Sendable, Hashable {
    /// One posterior per base model, in the model set's order.
    public let posteriors: [BetaPosterior]

    /// Every model at the prior.
    public init(modelCount: Int, prior: BetaPosterior = BetaPosterior()) {
        precondition(modelCount > 0, "trust needs at least one model")
        posteriors = [BetaPosterior](repeating: prior, count: modelCount)
    }

    /// Explicit posteriors.
    public init(posteriors: [BetaPosterior]) {
        precondition(!posteriors.isEmpty, "trust needs at least one model")
        self.posteriors = posteriors
    }

    /// After the realised outcomes of one hour: `outcomes[i]` says whether model i's call was right (nil: no call).
    public func updated(outcomes: [Bool?]) -> ThompsonTrust {
        precondition(outcomes.count == posteriors.count, "one outcome per model")
        return ThompsonTrust(
            posteriors: zip(posteriors, outcomes).map { posterior, outcome in
                outcome.map { posterior.updated(success: $0) } ?? posterior
            })
    }

    /// One draw from each posterior, from the generator keyed by (run seed, hour, purpose).
    public func draws(runSeed: UInt64, hourTs: UTCTimestamp, purpose: String = "thompson_trust") -> [Double] {
        var generator = SeededGenerator(runSeed: runSeed, hourTs: hourTs, purpose: purpose)
        return posteriors.map { Self.beta($0.alpha, $0.beta, &generator) }
    }

    /// The draws scaled to sum to 1: the weights the meta-learner sees.
    public func weights(runSeed: UInt64, hourTs: UTCTimestamp, purpose: String = "thompson_trust") -> [Double] {
        let values = draws(runSeed: runSeed, hourTs: hourTs, purpose: purpose)
        var total = 0.0
        for value in values { total += value }
        return values.map { $0 / total }
    }

    static func beta(_ a: Double, _ b: Double, _ generator: inout SeededGenerator) -> Double {
        let x = gamma(a, &generator)
        let y = gamma(b, &generator)
        return x / (x + y)
    }

    /// A Gamma(shape, 1) draw; shapes below 1 use Gamma(shape + 1) × U^(1/shape).
    static func gamma(_ shape: Double, _ generator: inout SeededGenerator) -> Double {
        if shape < 1 {
            let boost = gamma(shape + 1, &generator)
            return boost * PortableMath.exp(PortableMath.log(openUnit(&generator)) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal(&generator)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUnit(&generator)
            if PortableMath.log(u) < 0.5 * x * x + d - d * v + d * PortableMath.log(v) { return d * v }
        }
    }

    /// A standard normal draw (polar method; the second value of each pair is discarded to keep draws stateless).
    static func normal(_ generator: inout SeededGenerator) -> Double {
        while true {
            let u = 2 * openUnit(&generator) - 1
            let v = 2 * openUnit(&generator) - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * PortableMath.log(s) / s).squareRoot() }
        }
    }

    /// A uniform draw in (0, 1).
    static func openUnit(_ generator: inout SeededGenerator) -> Double {
        (Double(generator.next() >> 11) + 0.5) * 0x1p-53
    }
}
