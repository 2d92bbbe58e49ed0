/// Layer normalisation of each row (Ba et al. 2016): (x − mean) / √(var + ε) × γ + β. Parameters: γ, then β.
struct LayerNorm: Sendable, Hashable {
    let width: Int
    let offset: Int
    static let epsilon = 1e-5

    var parameterCount: Int { 2 * width }

    /// What the backward pass needs: the normalised rows and each row's 1/σ.
    struct Cache {
        var normalized: [Double]
        var inverseDeviation: [Double]
    }

    /// γ = 1, β = 0.
    func initialize(_ theta: inout [Double]) {
        for index in 0..<width {
            theta[offset + index] = 1
            theta[offset + width + index] = 0
        }
    }

    func forward(_ theta: [Double], _ x: [Double], rows: Int) -> (output: [Double], cache: Cache) {
        var y = [Double](repeating: 0, count: rows * width)
        var normalized = y
        var inverse = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            let base = row * width
            var mean = 0.0
            for index in 0..<width { mean += x[base + index] }
            mean /= Double(width)
            var variance = 0.0
            for index in 0..<width { variance += (x[base + index] - mean) * (x[base + index] - mean) }
            variance /= Double(width)
            let inv = 1 / (variance + Self.epsilon).squareRoot()
            inverse[row] = inv
            for index in 0..<width {
                let n = (x[base + index] - mean) * inv
                normalized[base + index] = n
                y[base + index] = n * theta[offset + index] + theta[offset + width + index]
            }
        }
        return (y, Cache(normalized: normalized, inverseDeviation: inverse))
    }

    /// `forward`'s output only (the same arithmetic, so the same bits), on raw buffers: `w` the parameters.
    func apply(
        _ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, rows: Int, into y: UnsafeMutablePointer<Double>
    ) {
        for row in 0..<rows {
            let base = row * width
            var mean = 0.0
            for index in 0..<width { mean += x[base + index] }
            mean /= Double(width)
            var variance = 0.0
            for index in 0..<width { variance += (x[base + index] - mean) * (x[base + index] - mean) }
            variance /= Double(width)
            let inv = 1 / (variance + Self.epsilon).squareRoot()
            for index in 0..<width {
                let n = (x[base + index] - mean) * inv
                y[base + index] = n * w[offset + index] + w[offset + width + index]
            }
        }
    }

    func backward(
        _ theta: [Double], _ cache: Cache, rows: Int, outputGradient dy: [Double],
        gradient: inout [Double]
    ) -> [Double] {
        var dx = [Double](repeating: 0, count: rows * width)
        var dn = [Double](repeating: 0, count: width)
        for row in 0..<rows {
            let base = row * width
            var sum = 0.0
            var sumProduct = 0.0
            for index in 0..<width {
                let g = dy[base + index]
                let n = cache.normalized[base + index]
                gradient[offset + index] += g * n
                gradient[offset + width + index] += g
                dn[index] = g * theta[offset + index]
                sum += dn[index]
                sumProduct += dn[index] * n
            }
            let scale = cache.inverseDeviation[row] / Double(width)
            for index in 0..<width {
                let n = cache.normalized[base + index]
                dx[base + index] = scale * (Double(width) * dn[index] - sum - n * sumProduct)
            }
        }
        return dx
    }
}
