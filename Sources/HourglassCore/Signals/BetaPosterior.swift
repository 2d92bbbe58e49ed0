/// A Beta(α, β) belief in the probability that a base model's call is right.
public struct BetaPosterior: Sendable, Hashable {
    public var alpha: Double
    public var beta: Double

    /// Beta(α, β); the default Beta(1, 1) is uniform.
    public init(alpha: Double = 1, beta: Double = 1) {
        precondition(alpha > 0 && beta > 0, "Beta parameters must be positive")
        self.alpha = alpha
        self.beta = beta
    }

    /// α / (α + β).
    public var mean: Double { alpha / (alpha + beta) }

    /// The posterior after one realised outcome: a success adds 1 to α, a failure 1 to β.
    public func updated(success: Bool) -> BetaPosterior {
        success ? BetaPosterior(alpha: alpha + 1, beta: beta) : BetaPosterior(alpha: alpha, beta: beta + 1)
    }

    /// One hour of a discounted posterior: the evidence above the Beta(1, 1) prior shrinks by `decay`, then the
    /// hour's successes join α and its failures β (α′ = 1 + γ(α − 1) + s, β′ = 1 + γ(β − 1) + f).
    public func discounted(by decay: Double, successes: Int, failures: Int) -> BetaPosterior {
        precondition(decay > 0 && decay <= 1 && successes >= 0 && failures >= 0, "decay in (0, 1], counts ≥ 0")
        return BetaPosterior(
            alpha: 1 + decay * (alpha - 1) + Double(successes), beta: 1 + decay * (beta - 1) + Double(failures))
    }
}
