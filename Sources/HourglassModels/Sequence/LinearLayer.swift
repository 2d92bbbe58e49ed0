import HourglassCore

/// y = W x + b on each row of a row-major matrix. Weights live in a model's flat parameter vector at `offset`:
/// W row-major (output × input), then b.
struct LinearLayer: Sendable, Hashable {
    let inputCount: Int
    let outputCount: Int
    let offset: Int

    var parameterCount: Int { outputCount * inputCount + outputCount }
    var biasOffset: Int { offset + outputCount * inputCount }

    /// Xavier-uniform weights from `generator`, in parameter order; zero bias.
    func initialize(_ theta: inout [Double], generator: inout SeededGenerator) {
        let limit = (6 / Double(inputCount + outputCount)).squareRoot()
        for index in offset..<biasOffset { theta[index] = (generator.unitInterval() * 2 - 1) * limit }
        for index in biasOffset..<biasOffset + outputCount { theta[index] = 0 }
    }

    /// Y (rows × output) for X (rows × input). The shapes are checked once, so the inner loops run on raw
    /// buffers. Every output is b + w₀x₀ + w₁x₁ + … summed left to right; from 4 rows on, the sums run
    /// output-parallel over Wᵀ (same additions in the same order, so the same bits, but vectorisable).
    func forward(_ theta: [Double], _ x: [Double], rows: Int) -> [Double] {
        precondition(x.count == rows * inputCount && theta.count >= biasOffset + outputCount, "linear shapes")
        var y = [Double](repeating: 0, count: rows * outputCount)
        theta.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    if rows >= 4 {
                        let transposed = transposedWeights(w)
                        transposed.withUnsafeBufferPointer { forward(transposed: $0, w, xs, rows: rows, ys) }
                        return
                    }
                    for row in 0..<rows {
                        let xBase = row * inputCount
                        for output in 0..<outputCount {
                            let wBase = offset + output * inputCount
                            var sum = w[biasOffset + output]
                            for input in 0..<inputCount { sum += w[wBase + input] * xs[xBase + input] }
                            ys[row * outputCount + output] = sum
                        }
                    }
                }
            }
        }
        return y
    }

    /// Wᵀ (input × output, row-major) from the flat parameters.
    func transposedWeights(_ w: UnsafeBufferPointer<Double>) -> [Double] {
        [Double](unsafeUninitializedCapacity: inputCount * outputCount) { out, count in
            for output in 0..<outputCount {
                let wBase = offset + output * inputCount
                for input in 0..<inputCount { out[input * outputCount + output] = w[wBase + input] }
            }
            count = inputCount * outputCount
        }
    }

    /// Y = X Wᵀ + b into `ys` with `transposed` = Wᵀ: per output the same left-to-right sum as the scalar
    /// loop, computed for all outputs of a row at once.
    func forward(
        transposed wt: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>, _ xs: UnsafeBufferPointer<Double>,
        rows: Int, _ ys: UnsafeMutableBufferPointer<Double>
    ) {
        guard let wt = wt.baseAddress, let w = w.baseAddress, let xs = xs.baseAddress, let ys = ys.baseAddress
        else { return }
        let outputs = outputCount
        for row in 0..<rows {
            let y = ys + row * outputs
            for output in 0..<outputs { y[output] = w[biasOffset + output] }
            let xBase = row * inputCount
            for input in 0..<inputCount {
                let value = xs[xBase + input]
                let column = wt + input * outputs
                for output in 0..<outputs { y[output] += column[output] * value }
            }
        }
    }

    /// Adds ∂L/∂W and ∂L/∂b to `gradient` and returns ∂L/∂X, given X and ∂L/∂Y.
    func backward(
        _ theta: [Double], _ x: [Double], rows: Int, outputGradient dy: [Double],
        gradient: inout [Double]
    ) -> [Double] {
        precondition(
            x.count == rows * inputCount && dy.count == rows * outputCount
                && theta.count >= biasOffset + outputCount && gradient.count == theta.count, "linear shapes")
        var dx = [Double](repeating: 0, count: rows * inputCount)
        theta.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { xs in
                gradient.withUnsafeMutableBufferPointer { gs in
                    dx.withUnsafeMutableBufferPointer { dxs in
                        for row in 0..<rows {
                            let xBase = row * inputCount
                            for output in 0..<outputCount {
                                let g = dy[row * outputCount + output]
                                if g == 0 { continue }
                                let wBase = offset + output * inputCount
                                gs[biasOffset + output] += g
                                for input in 0..<inputCount {
                                    gs[wBase + input] += g * xs[xBase + input]
                                    dxs[xBase + input] += g * w[wBase + input]
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }
}

extension SeededGenerator {
    /// A uniform draw in [0, 1) from the top 53 bits.
    mutating func unitInterval() -> Double { Double(next() >> 11) * 0x1p-53 }
}
