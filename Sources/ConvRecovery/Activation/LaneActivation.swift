import Foundation

/// φ and φ' evaluated on a SIMD vector of pre-activations at once.
///
/// The fused pass (`LossGradient`) is generic over one of these, so the
/// optimiser emits one specialised loop per activation with no switch in
/// the inner loop. Lane-wise ternaries rather than `SIMDMask` operations:
/// they measured faster in generic code (PLATFORM.md).
public protocol LaneActivation: Sendable {
    func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double
}

public struct ReluLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        var value = V(), derivative = V()
        for i in h.indices {
            let positive = h[i] > 0
            value[i] = positive ? h[i] : 0
            derivative[i] = positive ? 1 : 0
        }
        return (value, derivative)
    }
}

public struct LeakyReluLanes: LaneActivation {
    public let slope: Double
    @inlinable public init(slope: Double) { self.slope = slope }
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        var value = V(), derivative = V()
        for i in h.indices {
            let positive = h[i] > 0
            value[i] = positive ? h[i] : slope * h[i]
            derivative[i] = positive ? 1 : slope
        }
        return (value, derivative)
    }
}

public struct SquaredReluLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        var value = V(), derivative = V()
        for i in h.indices {
            let positive = h[i] > 0 ? h[i] : 0
            value[i] = positive * positive
            derivative[i] = 2 * positive
        }
        return (value, derivative)
    }
}

/// σ(z) = 1/(1 + e^{−z}) through the vectorised exponential, in a form that
/// never overflows: with u = e^{−|z|} ∈ (0, 1], σ(|z|) = 1/(1+u) and
/// σ(−|z|) = u/(1+u).
public struct SigmoidLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        var negativeAbs = V()
        for i in h.indices { negativeAbs[i] = -abs(h[i]) }
        let u = VectorMath.exp(negativeAbs)
        let inverse = 1 / (1 + u)
        var value = V()
        for i in h.indices { value[i] = h[i] >= 0 ? inverse[i] : u[i] * inverse[i] }
        // φ' = σ(1 − σ) = u/(1+u)², symmetric in z and free of cancellation.
        return (value, u * inverse * inverse)
    }
}

/// tanh through the vectorised expm1: with m = expm1(−2|z|) ∈ (−1, 0],
/// tanh|z| = −m/(m + 2), accurate to a few ulp for small and large |z|.
public struct TanhLanes: LaneActivation {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func valueAndDerivative<V: SIMD>(_ h: V) -> (value: V, derivative: V) where V.Scalar == Double {
        // −|h| and the sign of h by bit operations rather than lane-wise
        // ternaries (measured faster in the tanh pass, see Benchmarks/README.md).
        let bits = unsafeBitCast(h, to: V.MaskStorage.self)
        let signBit = V.MaskStorage(repeating: .min)
        let negativeAbs = unsafeBitCast(bits | signBit, to: V.self)
        // u = e^{−2|h|} and m = u − 1 from one range reduction.
        let (u, m) = VectorMath.expAndExpm1(2 * negativeAbs)
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
