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
/// With −2|z| = k·ln2 + r (|r| ≤ ln2/2, k ≤ 0) and e^r = (Q + P)/(Q − P)
/// (`VectorMath.tanhHalfRational`), u = e^{−2|z|} = 2^k(Q + P)/(Q − P), so
///
///     tanh|z|    = (1 − u)/(1 + u) = (Q(1 − 2^k) − P(1 + 2^k)) / D,
///     1 − tanh²z = 4u/(1 + u)²    = 4·2^k (Q + P)(Q − P) / D²,
///     D          = Q(1 + 2^k) − P(1 − 2^k),
///
/// one division for both. Neither has a cancellation: for k = 0 the
/// numerator is −2P exactly (P = r·(…) carries its relative accuracy to
/// z → 0), for k ≤ −1 it is ≥ Q/2 − 1.5|P| > 0.4 with Q ≈ 2 and |P| ≤ 0.35;
/// the derivative is a product, accurate relatively in the tails too.
/// Measured against long-double tanhl over [−40, 40]: value ≤ 4.5·10⁻¹⁶,
/// derivative ≤ 7.5·10⁻¹⁶ relative (solver-3's expm1 form: 4.0 and 7.1).
/// For |z| > 354, −2|z| is clamped at −708, where 2^k is still normal:
/// tanh is ±1 there to the last bit and the derivative stays at
/// 4e^{−708} ≈ 1e-307 instead of decaying further.
public struct TanhLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: LaneVector>(_ h: V) -> (value: V, derivative: V) {
        // −|h| and the sign of h by bit operations (LaneMasks.swift).
        let bits = unsafeBitCast(h, to: V.MaskStorage.self)
        let signBit = V.MaskStorage(repeating: .min)
        let negatedMagnitude = h.negatedMagnitude
        let x = (negatedMagnitude + negatedMagnitude).atLeast(V(repeating: -708))
        let (k, r) = VectorMath.reduceByLn2(x)
        let (p, q) = VectorMath.tanhHalfRational(r)
        let scale = VectorMath.powerOfTwo(k)
        let below = 1 - scale, above = 1 + scale  // exact for k ≥ −52, else rounded to 1
        let numerator = (-p * above).addingProduct(q, below)
        let inverse = 1 / (-p * below).addingProduct(q, above)
        let magnitude = numerator * inverse  // ≥ 0: tanh|h|
        let value = unsafeBitCast(unsafeBitCast(magnitude, to: V.MaskStorage.self) | (bits & signBit), to: V.self)
        // 1 − tanh = 2·2^k(Q + P)/D and 1 + tanh = 2(Q − P)/D.
        let oneMinus = ((scale + scale) * (q + p)) * inverse
        let onePlus = ((q - p) + (q - p)) * inverse
        return (value, oneMinus * onePlus)
    }
}
