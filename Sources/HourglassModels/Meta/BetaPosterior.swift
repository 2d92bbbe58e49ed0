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
}
