/// `exp`, `log`, `tanh` and the logistic function from IEEE +, −, ×, ÷ only, in a fixed order.
///
/// The platform's libm may pick an FMA or vector variant by CPU at load time, so its last bit can differ
/// between machines. These use no FMA (Swift never contracts `a * b + c`) and no tables, so a trained
/// sequence model is bit-identical on any x86-64 (and arm64) CPU. Accuracy is within a few ulps.
public enum PortableMath {
    static let ln2High = 6.93147180369123816490e-01
    static let ln2Low = 1.90821492927058770002e-10
    static let log2e = 1.44269504088896338700e+00

    /// e^x.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x * log2e).rounded(.toNearestOrEven)
        let r = (x - k * ln2High) - k * ln2Low
        // Taylor series to r^13/13!: |r| ≤ 0.347, so the first omitted term is below 5e-18.
        var sum = 1.0
        var divisor = 13.0
        while divisor >= 1 {
            sum = 1 + sum * r / divisor
            divisor -= 1
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// Natural logarithm: −∞ at 0, NaN below.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var exponent = Double(x.exponent)
        var mantissa = x.significand
        if mantissa > 1.4142135623730951 {
            mantissa /= 2
            exponent += 1
        }
        // log m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716: odd powers up to s^21.
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var series = 0.0
        var power = 21.0
        while power >= 1 {
            series = 1 / power + s2 * series
            power -= 2
        }
        return exponent * ln2High + (2 * s * series + exponent * ln2Low)
    }

    /// Hyperbolic tangent.
    public static func tanh(_ x: Double) -> Double {
        if x.isNaN { return x }
        let magnitude = Swift.abs(x)
        if magnitude > 20 { return x > 0 ? 1 : -1 }
        let t = exp(-2 * magnitude)
        let value = (1 - t) / (1 + t)
        return x < 0 ? -value : value
    }

    /// The logistic function 1 / (1 + e^−x), without overflow for large |x|.
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// log(1 + e^x), without overflow.
    public static func softplus(_ x: Double) -> Double {
        max(x, 0) + log(1 + exp(-Swift.abs(x)))
    }
}
