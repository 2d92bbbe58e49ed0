/// `NetworkMath`'s `exp`, logistic function and `tanh` on four lanes at once, each lane with exactly the bits
/// of the scalar function on that lane.
///
/// Every lane runs the scalar code's operations in its order (IEEE +, −, ×, ÷ lane by lane, no FMA). Two
/// steps are written differently with the same result: k = x·log₂e rounded to the nearest even integer as
/// (v + 1.5·2⁵²) − 1.5·2⁵² (exact for |v| < 2⁵¹; it may give +0 where `rounded` gives −0, which changes no
/// later bit), and 2^k built from the bits of k + 1023 + 2⁵². A lane outside the polynomial's range (or NaN)
/// makes the logistic function fall back to the scalar function lane by lane; `tanh` selects its saturated
/// and NaN lanes.
extension NetworkMath {
    /// Four lanes of `Double`.
    typealias Lanes = SIMD4<Double>

    static let roundingShifter = 6_755_399_441_055_744.0  // 1.5 · 2^52
    static let exponentShifter = 4_503_599_627_371_519.0  // 2^52 + 1023

    /// |x| lane by lane (the sign bit cleared).
    @inline(__always)
    static func magnitude(_ x: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: Lanes.self)
    }

    /// −x lane by lane (the sign bit flipped, as scalar negation does; SIMD's prefix − computes 0 − x, which
    /// turns −(+0) into +0).
    @inline(__always)
    static func negated(_ x: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt64>.self) ^ 0x8000_0000_0000_0000, to: Lanes.self)
    }

    /// e^x lane by lane; every lane must lie in −708 < x < 709 (`exp(_:)`'s polynomial range).
    @inline(__always)
    static func expInRange(_ x: Lanes) -> Lanes {
        let k = (x * PortableMath.log2e + roundingShifter) - roundingShifter
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
        let biased = unsafeBitCast(k + exponentShifter, to: SIMD4<UInt64>.self) &<< 52
        return p * unsafeBitCast(biased, to: Lanes.self)
    }

    /// The logistic function lane by lane: `sigmoid(_:)` of each lane.
    @inline(__always)
    static func sigmoid(_ x: Lanes) -> Lanes {
        let m = magnitude(x)
        guard all(m .< 708) else { return Lanes(sigmoid(x[0]), sigmoid(x[1]), sigmoid(x[2]), sigmoid(x[3])) }
        // Both branches of the scalar function take e^−|x|: e^−x for x ≥ 0, e^x below.
        let e = expInRange(negated(m))
        let denominator = 1 + e
        return (1 / denominator).replacing(with: e / denominator, where: x .< 0)
    }

    /// Hyperbolic tangent lane by lane: `tanh(_:)` of each lane.
    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes {
        let m = magnitude(x)
        let saturated = .!(m .<= 20)
        // Saturated and NaN lanes are selected below; their e^−2|x| is not used.
        let t = expInRange(-2 * m.replacing(with: 20, where: saturated))
        let value = (1 - t) / (1 + t)
        var result = value.replacing(with: negated(value), where: x .< 0)
        if any(saturated) {
            result.replace(with: Lanes(repeating: 1).replacing(with: -1, where: .!(x .> 0)), where: m .> 20)
            result.replace(with: x, where: x .!= x)
        }
        return result
    }
}
