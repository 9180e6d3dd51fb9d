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
    func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double
}

/// relu: φ(z) = z·1[z>0], φ'(z) = 1[z>0] (φ'(0) = 0, MATH.md §2).
public struct ReluLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        let positive = h.positiveLanes
        return (h.masked(positive), V(repeating: 1).masked(positive))
    }
}

/// leaky relu: φ(z) = z if z > 0 else a·z, φ'(z) = 1 if z > 0 else a.
public struct LeakyReluLanes: LaneActivation {
    public let slope: Double
    @inlinable public init(slope: Double) { self.slope = slope }
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        let positive = h.positiveLanes
        return (V.select(positive, h, slope * h), V.select(positive, V(repeating: 1), V(repeating: slope)))
    }
}

/// squared relu: φ(z) = max(z, 0)², φ'(z) = 2 max(z, 0).
public struct SquaredReluLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
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
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        let u = VectorMath.exp(h.negatedMagnitude)
        let inverse = 1 / (1 + u)
        // σ(h) for h ≥ 0, σ(−|h|) for h < 0; at h = −0 both are 1/2.
        let value = V.select(h.signLanes, u * inverse, inverse)
        // φ' = σ(1 − σ) = u/(1+u)², symmetric in z and free of cancellation.
        return (value, u * inverse * inverse)
    }
}

/// tanh through the vectorised expm1: with m = expm1(−2|z|) ∈ (−1, 0],
/// tanh|z| = −m/(m + 2), accurate to a few ulp for small and large |z|.
/// For |z| > 354 the derivative is held at 4e^{−708} ≈ 1e-307 instead of
/// decaying further (tanh itself is ±1 there to the last bit).
public struct TanhLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        // −|h| and the sign of h by bit operations (LaneMasks.swift).
        let bits = unsafeBitCast(h, to: V.MaskStorage.self)
        let signBit = V.MaskStorage(repeating: .min)
        // u = e^{−2|h|} and m = u − 1 from one range reduction. Beyond
        // |h| = 354 tanh is ±1 and 1 − tanh² < 1e-307, so −2|h| is clamped
        // at −708, where e^x needs no subnormal scaling.
        let x = VectorMath.clampNonPositive(2 * h.negatedMagnitude, below: -708)
        let (u, m) = VectorMath.expAndExpm1NonPositive(x)
        // One division for both (a divide costs ~10 multiplies).
        let inverse = 1 / (m + 2)
        let magnitude = -m * inverse  // ≥ 0: tanh|h|
        let value = unsafeBitCast(unsafeBitCast(magnitude, to: V.MaskStorage.self) | (bits & signBit), to: V.self)
        // 1 − tanh² = 4u/(1+u)² with 1 + u = m + 2: accurate in the tails,
        // where both 1 − tanh² and m + 1 would cancel.
        let twiceInverse = 2 * inverse
        return (value, (2 * u * inverse) * twiceInverse)
    }
}
