import Foundation

/// φ and φ' evaluated on a SIMD vector of pre-activations at once.
///
/// The fused pass (`LossGradient`) is generic over one of these, so the
/// optimiser emits one specialised loop per activation with no switch in
/// the inner loop. Branch-free: where lanes choose between two values they
/// do it by bit masks (LaneMasks.swift), never by lane-wise ternaries
/// or `SIMDMask` operations, which compile to per-lane scalar code in these
/// generic functions (Benchmarks/README.md, "Why the bit masks mattered").
public protocol LaneActivation: Sendable {
    func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V)
}

/// relu: φ(z) = z·1[z>0], φ'(z) = 1[z>0] (φ'(0) = 0, MATH.md §2).
public struct ReluLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V) {
        let positive = h.positiveLanes
        return (h.masked(positive), V(repeating: 1).masked(positive))
    }
}

/// leaky relu: φ(z) = z if z > 0 else a·z, φ'(z) = 1 if z > 0 else a.
public struct LeakyReluLanes: LaneActivation {
    public let slope: Double
    @inlinable public init(slope: Double) { self.slope = slope }
    @inlinable @inline(__always)
    public func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V) {
        let positive = h.positiveLanes
        return (V.select(positive, h, slope * h), V.select(positive, V(repeating: 1), V(repeating: slope)))
    }
}

/// squared relu: φ(z) = max(z, 0)², φ'(z) = 2 max(z, 0).
public struct SquaredReluLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V) {
        let positive = h.masked(h.positiveLanes)
        return (positive * positive, 2 * positive)
    }
}

/// σ(z) = 1/(1 + e^{−z}) through the vectorised exponential, in a form that
/// never overflows: with u = e^{−|z|} ∈ (0, 1], σ(|z|) = 1/(1+u) and
/// σ(−|z|) = u/(1+u).
public struct SigmoidLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V) {
        let u = VectorMath.exp(h.negatedMagnitude)
        let inverse = 1 / (1 + u)
        // σ(h) for h ≥ 0, σ(−|h|) for h < 0; at h = −0 both are 1/2.
        let value = V.select(h.signLanes, u * inverse, inverse)
        // φ' = σ(1 − σ) = u/(1+u)², symmetric in z and free of cancellation.
        return (value, u * inverse * inverse)
    }
}

/// tanh through one range reduction and one rational function.
///
/// With ρ = −|z|, 2ρ = k·ln2 + 2r (|r| ≤ ln2/4, k ≤ 0, s = 2^k;
/// `VectorMath.reduceDoubledByLn2`) and tanh r = P/Q
/// (`VectorMath.tanhRational`), u = e^{−2|z|} = s(Q + P)/(Q − P), so with
/// A = Q − P and B = Q + P
///
///     tanh|z|    = (1 − u)/(1 + u) = (Q(1 − s) − P(1 + s)) / D,
///     1 − tanh²z = 4u/(1 + u)²    = 4·sB·A / D²,
///     D          = A + sB,
///
/// one division, 2/D, for both: the value is N/2 · 2/D with
/// N/2 = Q(1 − s)/2 − P(1 + s)/2 and the derivative sB·A·(2/D)². Neither
/// has a cancellation: for k = 0 the numerator is −2P exactly (P = r·(…)
/// carries its relative accuracy to z → 0), for k ≤ −1 it is
/// ≥ Q/2 − 1.5|P| > 0.4 with Q ≈ 2 and |P| ≤ 0.18; the derivative is a
/// product, accurate relatively in the tails too. D > 0 adds positive terms.
/// Measured against long-double tanhl over [−40, 40] (Benchmarks/Replica):
/// value ≤ 5.1·10⁻¹⁶, derivative ≤ 6.7·10⁻¹⁶ relative (solver-4's form:
/// 4.5 and 7.5), in 29 vector operations instead of 36.
/// For |z| > 354, ρ is clamped at −354, where 2^k is still normal: tanh is
/// ±1 there to the last bit and the derivative stays at
/// 4e^{−708} ≈ 1e-307 instead of decaying further.
public struct TanhLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V) {
        // −|h| and the sign of h by bit operations (LaneMasks.swift).
        let sign = unsafeBitCast(h, to: V.MaskStorage.self) & V.MaskStorage(repeating: .min)
        let rho = h.negatedMagnitude.atLeast(V(repeating: -354))
        let (r, scale) = VectorMath.reduceDoubledByLn2(rho)
        let (p, q) = VectorMath.tanhRational(r)
        let a = q - p, b = q + p
        // (1 ∓ s)/2, exact for k ≥ −52, else rounded to 1/2.
        let halfBelow = V(repeating: 0.5).addingProduct(scale, -0.5)
        let halfAbove = V(repeating: 0.5).addingProduct(scale, 0.5)
        let halfNumerator = (-p * halfAbove).addingProduct(q, halfBelow)
        let sb = scale * b
        let twoOverD = 2 / (a + sb)
        let magnitude = halfNumerator * twoOverD  // ≥ 0: tanh|h|
        let value = unsafeBitCast(unsafeBitCast(magnitude, to: V.MaskStorage.self) | sign, to: V.self)
        return (value, ((sb * a) * twoOverD) * twoOverD)
    }
}
