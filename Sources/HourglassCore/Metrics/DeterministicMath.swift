/// `ln`, `exp` and `pow` in plain Swift, so the core needs no libm (whose last bits differ
/// between platforms) and report ratios such as CAGR are the same bits everywhere.
///
/// Accurate to a few units in the last place over the ranges reports use; not for the ledger.
enum DeterministicMath {
    static let ln2 = 0.693_147_180_559_945_309_417_232_121_458_176_568

    /// Natural logarithm; NaN for negative or NaN input, −∞ for 0.
    static func log(_ value: Double) -> Double {
        if value.isNaN || value < 0 { return .nan }
        if value == 0 { return -.infinity }
        if value.isInfinite { return .infinity }
        // value = m × 2^e with m in [1, 2); move m to [√½, √2) so the series converges fast.
        var exponent = Double(value.exponent)
        var mantissa = value.significand
        if mantissa > 1.414_213_562_373_095_048_8 {
            mantissa /= 2
            exponent += 1
        }
        // ln m = 2 atanh(s), s = (m − 1) ÷ (m + 1), |s| < 0.172.
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var term = s
        var sum = 0.0
        var k = 1.0
        for _ in 0..<30 {
            sum += term / k
            term *= s2
            k += 2
        }
        return 2 * sum + exponent * ln2
    }

    /// e^x; 0 below −745, +∞ above 709.
    static func exp(_ value: Double) -> Double {
        if value.isNaN { return .nan }
        if value > 709.78 { return .infinity }
        if value < -745.2 { return 0 }
        // x = k ln2 + r, |r| ≤ ln2 / 2; e^x = 2^k e^r, e^r by its Taylor series.
        let k = (value / ln2).rounded(.toNearestOrEven)
        let r = value - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...27 {
            term *= r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// `base ^ exponent` for a positive base; NaN otherwise.
    static func pow(_ base: Double, _ exponent: Double) -> Double {
        guard base > 0 else { return base == 0 && exponent > 0 ? 0 : .nan }
        return exp(exponent * log(base))
    }
}
