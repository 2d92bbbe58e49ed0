/// Softmax of a vector and its backward pass, max-shifted so large scores cannot overflow.
///
/// The buffer forms run the array forms' arithmetic in the same order (the same bits), without allocating.
enum Softmax {
    static func forward(_ scores: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: scores.count)
        scores.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                guard let source = input.baseAddress, let target = output.baseAddress else { return }
                forward(source, into: target, count: scores.count)
            }
        }
        return out
    }

    /// `count` scores into `out`: exp(sᵢ − max) · (1 / Σ), the maximum taken as `Sequence.max()` does, the sum
    /// left to right, `NetworkMath.exp` (division-free) and one division per call.
    static func forward(_ scores: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        guard count > 0 else { return }
        var top = scores[0]
        for index in 1..<count where top < scores[index] { top = scores[index] }
        for index in 0..<count { out[index] = NetworkMath.exp(scores[index] - top) }
        var total = 0.0
        for index in 0..<count { total += out[index] }
        let inverse = 1 / total
        for index in 0..<count { out[index] *= inverse }
    }

    /// ∂L/∂scores from the softmax output y and ∂L/∂y: y ⊙ (dy − ⟨dy, y⟩).
    static func backward(output y: [Double], outputGradient dy: [Double]) -> [Double] {
        precondition(y.count == dy.count, "softmax shapes")
        var out = [Double](repeating: 0, count: y.count)
        y.withUnsafeBufferPointer { ys in
            dy.withUnsafeBufferPointer { dys in
                out.withUnsafeMutableBufferPointer { outs in
                    guard let y = ys.baseAddress, let dy = dys.baseAddress, let out = outs.baseAddress else { return }
                    backward(output: y, outputGradient: dy, into: out, count: ys.count)
                }
            }
        }
        return out
    }

    /// The buffer form of `backward(output:outputGradient:)`.
    static func backward(
        output y: UnsafePointer<Double>, outputGradient dy: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, count: Int
    ) {
        var dot = 0.0
        for index in 0..<count { dot += dy[index] * y[index] }
        for index in 0..<count { out[index] = y[index] * (dy[index] - dot) }
    }
}
