/// The division-free `exp` (and the logistic function and `tanh` on it) that the LSTM and the Transformer use.
///
/// `PortableMath.exp` divides 13 times per call; the sequence networks call it for every softmax score and
/// every gate, so it dominated their inference. This one reduces x = k·ln 2 + r (|r| ≤ ln 2 / 2) as
/// `PortableMath.exp` does, then evaluates the degree-12 Taylor polynomial of e^r by Estrin's scheme with
/// the coefficients 1/n! written out as constants: multiplications and additions only, in a fixed order, no
/// FMA (Swift never contracts `a * b + c`), no tables, so it is bit-identical on every x86-64 and arm64 CPU.
/// The first omitted term is below 2e-16 of the result; measured against libm it is within a few ulps.
///
/// Only the networks use it: the meta-learner, the Thompson draws and the losses keep `PortableMath`, whose
/// bits recorded artifacts and events already depend on.
enum NetworkMath {
    // 1/n! for n = 2 … 12, correctly rounded.
    static let c2 = 0.5
    static let c3 = 0.16666666666666666
    static let c4 = 0.041666666666666664
    static let c5 = 0.008333333333333333
    static let c6 = 0.001388888888888889
    static let c7 = 1.984126984126984e-4
    static let c8 = 2.48015873015873e-5
    static let c9 = 2.7557319223985893e-6
    static let c10 = 2.755731922398589e-7
    static let c11 = 2.505210838544172e-8
    static let c12 = 2.08767569878681e-9

    /// e^x. Outside −708 … 709 (overflow, subnormal results) it returns `PortableMath.exp(x)`.
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        guard x > -708, x < 709 else { return PortableMath.exp(x) }
        let k = (x * PortableMath.log2e).rounded(.toNearestOrEven)
        let r = (x - k * PortableMath.ln2High) - k * PortableMath.ln2Low
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let a0 = 1 + r
        let a1 = c2 + c3 * r
        let a2 = c4 + c5 * r
        let a3 = c6 + c7 * r
        let a4 = c8 + c9 * r
        let a5 = c10 + c11 * r
        let b0 = a0 + a1 * r2
        let b1 = a2 + a3 * r2
        let b2 = a4 + a5 * r2
        let d0 = b0 + b1 * r4
        let d1 = b2 + c12 * r4
        let p = d0 + d1 * r8
        // 2^k for k in −1022 … 1023, built from its bits.
        let scale = Double(bitPattern: UInt64(Int64(k) + 1023) << 52)
        return p * scale
    }

    /// The logistic function 1 / (1 + e^−x), without overflow for large |x|.
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// Hyperbolic tangent: (1 − e^−2|x|) / (1 + e^−2|x|) with the sign of x.
    @inline(__always)
    static func tanh(_ x: Double) -> Double {
        if x.isNaN { return x }
        let magnitude = Swift.abs(x)
        if magnitude > 20 { return x > 0 ? 1 : -1 }
        let t = exp(-2 * magnitude)
        let value = (1 - t) / (1 + t)
        return x < 0 ? -value : value
    }
}
