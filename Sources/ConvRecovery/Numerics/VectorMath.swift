/// Exponentials on SIMD vectors, accurate to a few ulp, for the hot loop.
///
/// libm's scalar `tanh`/`exp` cost ~20 ns a call and would dominate a
/// sigmoid or tanh pass (PLATFORM.md); these evaluate all lanes at once.
///
/// Method (Cody–Waite): x = k·ln2 + r with k = round(x/ln2) and |r| ≤ ln2/2,
/// ln2 split into a high part with trailing zeros and a low part so k·ln2_hi
/// is exact; e^r − 1 from its Taylor series to degree 13 (truncation
/// ≤ (ln2/2)¹⁴/14! ≈ 4·10⁻¹⁸) evaluated by Estrin's scheme, then
/// e^x = 2^k (1 + (e^r − 1)) with 2^k
/// built from its bit pattern in two halves so that k down to −1074 stays
/// representable. Tests compare against libm over ±745. The tanh lanes use
/// the same reduction with a rational form instead of the series
/// (`reduceDoubledByLn2`, `tanhRational`), which gives their quotient in
/// one division.
/// Arithmetic goes through `LaneVector` (explicit vector instructions).
public enum VectorMath {
    @usableFromInline static let log2e = 1.4426950408889634
    @usableFromInline static let ln2High = 6.93147180369123816490e-01
    @usableFromInline static let ln2Low = 1.90821492927058770002e-10

    /// e^r − 1 for |r| ≤ ln2/2: r + r²·q(r) with q(r) = Σ_{i=0…11} r^i/(i+2)!,
    /// q by Estrin's scheme (pairs c_i + c_{i+1}·r, then combined with r², r⁴
    /// and r⁸), every step one fused multiply-add. Horner's rule would be the
    /// same count of operations in one chain of twelve dependent FMAs (~50
    /// cycles of latency); Estrin's tree is five deep, so consecutive
    /// evaluations in the fused pass overlap instead of waiting on each other.
    @inlinable @inline(__always)
    static func expm1Reduced<V: LaneVector>(_ r: V) -> V {
        func c(_ factorial: Double) -> V { V(repeating: 1 / factorial) }
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let b0 = c(2).addingProduct(c(6), r), b1 = c(24).addingProduct(c(120), r)
        let b2 = c(720).addingProduct(c(5040), r), b3 = c(40320).addingProduct(c(362880), r)
        let b4 = c(3628800).addingProduct(c(39916800), r), b5 = c(479001600).addingProduct(c(6227020800), r)
        let c0 = b0.addingProduct(b1, r2), c1 = b2.addingProduct(b3, r2), c2 = b4.addingProduct(b5, r2)
        let q = c0.addingProduct(c1, r4).addingProduct(c2, r8)
        return r.addingProduct(q, r2)
    }

    /// 1.5·2⁵²: adding it to |v| < 2⁵¹ rounds v to the nearest integer (ties
    /// to even) and leaves that integer in the low bits of the sum.
    @usableFromInline static let shifter = 6755399441055744.0

    /// x clamped to [−746, 710] (below −745.2 e^x rounds to 0, above 709.8
    /// it overflows), NaN passed through: a compare and a blend each
    /// (`LaneVector.atLeast`/`atMost`).
    @inlinable @inline(__always)
    static func clamp<V: LaneVector>(_ x: V) -> V {
        x.atLeast(V(repeating: -746)).atMost(V(repeating: 710))
    }

    /// k = round(x/ln2) and r = x − k·ln2, |r| ≤ ln2/2 (to within rounding):
    /// k by the `shifter` trick on the exact product x·log₂e (one fused
    /// multiply-add, rounding to nearest even), ln2 in two parts so that
    /// x − k·ln2_hi is exact and the low part is added in one more FMA.
    /// (With the Horner polynomial of solver-2 these FMAs made the optimiser
    /// scalarise the polynomial; with Estrin's tree they do not.)
    @inlinable @inline(__always)
    static func reduceByLn2<V: LaneVector>(_ x: V) -> (k: V, r: V) {
        let shift = V(repeating: shifter)
        let k = shift.addingProduct(x, log2e) - shift
        return (k, x.addingProduct(k, -ln2High).addingProduct(k, -ln2Low))
    }

    /// Reduction x → (k, r) and the two factors whose product is 2^k,
    /// entirely in vector operations (no per-lane Double ↔ Int conversion,
    /// which has no vector instruction before AVX-512): k and r from
    /// `reduceByLn2`; h = ⌊k/2⌋ by the shifter trick on k/2 − 1/4;
    /// 2^h and 2^(k−h) from the bits of h + 1023 + shifter shifted left by 52
    /// (the shift drops the shifter's own exponent bits).
    @inlinable @inline(__always)
    static func reduce<V: LaneVector>(_ x: V) -> (r: V, scaleA: V, scaleB: V) {
        let (k, r) = reduceByLn2(clamp(x))
        let shift = V(repeating: shifter)
        let half = ((k * 0.5 - 0.25) + shift) - shift
        return (r, powerOfTwo(half), powerOfTwo(k - half))
    }

    /// 2x = k·ln2 + 2r for x ≤ 0: k = round(2x/ln2), r = x − k·ln2/2
    /// (|r| ≤ ln2/4 to within rounding), and 2^k. As `reduceByLn2` with the
    /// doubling folded into the constants (2·log₂e and ln2/2 are exact
    /// rescalings): the shifter's sum with 1023 added, `biased` =
    /// k + 1023 + 1.5·2⁵², gives k by one subtraction and 2^k from its bits
    /// shifted left by 52 (the shift drops the shifter's own exponent). For
    /// 2^k to be normal, x ≥ −354 (k ≥ −1021); the caller clamps.
    @inlinable @inline(__always)
    static func reduceDoubledByLn2<V: LaneVector>(_ x: V) -> (r: V, scale: V) {
        let bias = V(repeating: shifter + 1023)
        let biased = bias.addingProduct(x, 2 * log2e)
        let k = biased - bias
        let r = x.addingProduct(k, -0.5 * ln2High).addingProduct(k, -0.5 * ln2Low)
        let scale = unsafeBitCast(unsafeBitCast(biased, to: V.MaskStorage.self) &<< 52, to: V.self)
        return (r, scale)
    }

    /// tanh r = P/Q for |r| ≤ ln2/4, as the pair (P, Q), so that
    /// e^{2r} = (Q + P)/(Q − P): the rational form of e^x from Cephes' `exp`
    /// (S. L. Moshier), x = 2r, with its coefficients rescaled for r
    /// (powers of two, exact): P = r·(2p₀ + 8p₁r² + 32p₂r⁴),
    /// Q = q₀ + 4q₁r² + 16q₂r⁴ + 64q₃r⁶. On that interval (Q + P)/(Q − P) is
    /// within 5.3·10⁻²¹ of e^{2r} relatively (checked at 4001 points in
    /// 40-digit arithmetic), far below one rounding. Six fused multiply-adds
    /// and two multiplies, against the fifteen operations of the degree-13
    /// series in `expm1Reduced`; the caller spends one division on the
    /// quotient, which it needs anyway.
    @inlinable @inline(__always)
    static func tanhRational<V: LaneVector>(_ r: V) -> (p: V, q: V) {
        func c(_ value: Double) -> V { V(repeating: value) }
        let r2 = r * r
        let p = r * c(2 * 9.99999999999999999910e-1)
            .addingProduct(r2, c(8 * 3.02994407707441961300e-2).addingProduct(r2, 32 * 1.26177193074810590878e-4))
        let q = c(2.00000000000000000009e0)
            .addingProduct(r2, c(4 * 2.27265548208155028766e-1)
                .addingProduct(r2, c(16 * 2.52448340349684104192e-3).addingProduct(r2, 64 * 3.00198505138664455042e-6)))
        return (p, q)
    }

    /// 2^k for integer-valued k ∈ [−1022, 1023] (or NaN), from the bits of
    /// k + 1023 (the shifter trick leaves k + 1023 in the low bits, and the
    /// shift by 52 drops the shifter's own exponent).
    @inlinable @inline(__always)
    static func powerOfTwo<V: LaneVector>(_ k: V) -> V {
        let biased = k + V(repeating: shifter + 1023)
        return unsafeBitCast(unsafeBitCast(biased, to: V.MaskStorage.self) &<< 52, to: V.self)
    }

    /// e^x lane by lane.
    @inlinable @inline(__always)
    public static func exp<V: LaneVector>(_ x: V) -> V {
        let (r, a, b) = reduce(x)
        return ((expm1Reduced(r) + 1) * a) * b
    }

    /// e^x − 1 lane by lane, without cancellation near 0:
    /// expm1(x) = 2^k·expm1(r) + (2^k − 1), exact in its second term.
    @inlinable @inline(__always)
    public static func expm1<V: LaneVector>(_ x: V) -> V {
        var (exp, expm1) = expAndExpm1(x)
        // For k = 1024 (x ≥ 1023.5·ln 2 ≈ 709.44) 2^k overflows although
        // e^x − 1 is finite; there e^x − 1 rounds to e^x, which exp's path
        // (2^k in two halves) computes without overflow.
        for i in x.indices where x[i] > 709 { expm1[i] = exp[i] }
        return expm1
    }

    /// e^x and e^x − 1 from one reduction, for x < 709: e^x = 2^k(1 + p)
    /// and e^x − 1 = 2^k·p + (2^k − 1) with p = expm1(r).
    @inlinable @inline(__always)
    public static func expAndExpm1<V: LaneVector>(_ x: V) -> (exp: V, expm1: V) {
        let (r, a, b) = reduce(x)
        let p = expm1Reduced(r)
        let scale = a * b
        return (((p + 1) * a) * b, (scale - 1).addingProduct(scale, p))
    }
}
