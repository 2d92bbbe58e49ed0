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
    /// buffers; the order of every sum is the same as with indexed arrays.
    func forward(_ theta: [Double], _ x: [Double], rows: Int) -> [Double] {
        precondition(x.count == rows * inputCount && theta.count >= biasOffset + outputCount, "linear shapes")
        var y = [Double](repeating: 0, count: rows * outputCount)
        theta.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
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
