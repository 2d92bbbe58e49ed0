/// Softmax of a vector and its backward pass, max-shifted so large scores cannot overflow.
enum Softmax {
    static func forward(_ scores: [Double]) -> [Double] {
        let top = scores.max() ?? 0
        var out = scores.map { PortableMath.exp($0 - top) }
        var total = 0.0
        for value in out { total += value }
        for index in out.indices { out[index] /= total }
        return out
    }

    /// ∂L/∂scores from the softmax output y and ∂L/∂y: y ⊙ (dy − ⟨dy, y⟩).
    static func backward(output y: [Double], outputGradient dy: [Double]) -> [Double] {
        var dot = 0.0
        for index in y.indices { dot += dy[index] * y[index] }
        return y.indices.map { y[$0] * (dy[$0] - dot) }
    }
}
