/// Binary cross-entropy of a logit, in the overflow-free form softplus(z) − y·z; its derivative is σ(z) − y.
enum BinaryCrossEntropy {
    static func loss(logit: Double, label: Bool) -> Double {
        PortableMath.softplus(logit) - (label ? logit : 0)
    }

    static func gradient(logit: Double, label: Bool) -> Double {
        PortableMath.sigmoid(logit) - (label ? 1 : 0)
    }
}
