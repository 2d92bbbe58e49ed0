/// L2-regularised logistic regression fitted by Newton's method (IRLS), every sum in index order.
///
/// Minimises Σ BCE(xᵢ·w + b, yᵢ) + λ/2 ‖w‖² (the intercept b is not penalised). Each Newton step solves
/// (XᵀSX + λI′) Δ = ∇ by Cholesky, so the fit is deterministic and converges in a handful of steps.
public struct LogisticRegression: Sendable, Hashable {
    /// The intercept, then one coefficient per feature.
    public let coefficients: [Double]
    /// Newton steps taken.
    public let iterations: Int

    public static let iterationsMax = 100
    public static let stepTolerance = 1e-10

    /// The logit of one feature vector.
    public func logit(_ features: [Double]) -> Double {
        precondition(features.count + 1 == coefficients.count, "feature count differs from the fit")
        var z = coefficients[0]
        for index in features.indices { z += coefficients[index + 1] * features[index] }
        return z
    }

    /// The probability of label 1.
    public func probability(_ features: [Double]) -> Double { PortableMath.sigmoid(logit(features)) }

    /// Wraps fitted coefficients (intercept first).
    public init(coefficients: [Double], iterations: Int = 0) {
        precondition(!coefficients.isEmpty, "the intercept is required")
        self.coefficients = coefficients
        self.iterations = iterations
    }

    /// Fits `rows` (equal-length feature vectors) to `labels` with penalty `l2`. Throws on one class only.
    public static func fit(rows: [[Double]], labels: [Bool], l2: Double) throws -> LogisticRegression {
        precondition(rows.count == labels.count && !rows.isEmpty && l2 >= 0, "one label per row, λ ≥ 0")
        guard labels.contains(true), labels.contains(false) else {
            throw ModelError.unusableData("only one class present")
        }
        let width = rows[0].count + 1
        precondition(rows.allSatisfy { $0.count + 1 == width }, "rows must have equal length")
        var beta = [Double](repeating: 0, count: width)
        for iteration in 1...iterationsMax {
            var gradient = [Double](repeating: 0, count: width)
            var hessian = [Double](repeating: 0, count: width * width)
            for (row, label) in zip(rows, labels) {
                let x = [1] + row
                var z = 0.0
                for index in 0..<width { z += beta[index] * x[index] }
                let p = PortableMath.sigmoid(z)
                let residual = p - (label ? 1 : 0)
                let weight = p * (1 - p)
                for a in 0..<width {
                    gradient[a] += residual * x[a]
                    for b in 0...a { hessian[a * width + b] += weight * x[a] * x[b] }
                }
            }
            for a in 1..<width {
                gradient[a] += l2 * beta[a]
                hessian[a * width + a] += l2
            }
            // A tiny ridge on the intercept keeps the system positive definite when a column is constant.
            hessian[0] += 1e-12
            let step = try solveCholesky(lowerTriangle: hessian, width: width, rightSide: gradient)
            var largest = 0.0
            for index in 0..<width {
                beta[index] -= step[index]
                largest = max(largest, abs(step[index]))
            }
            if largest < stepTolerance { return LogisticRegression(coefficients: beta, iterations: iteration) }
        }
        return LogisticRegression(coefficients: beta, iterations: iterationsMax)
    }

    /// Solves A x = b for symmetric positive definite A given by its lower triangle (row-major, width²).
    static func solveCholesky(lowerTriangle a: [Double], width n: Int, rightSide b: [Double]) throws -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { throw ModelError.unusableData("features are collinear; raise the L2 penalty") }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }
}
