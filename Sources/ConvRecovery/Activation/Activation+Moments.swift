import Foundation

/// Gaussian constants of the activation (MATH.md §3).
///
/// Hermite moments m_j(σ) = E[φ(σz) He_j(z)], z ~ N(0, 1), with the
/// probabilists' polynomials He₁ = z, He₂ = z² − 1, He₃ = z³ − 3z,
/// He₄ = z⁴ − 6z² + 3. For the homogeneous activations the closed forms
/// below hold (c = 1/√(2π)); sigmoid and tanh use Gauss–Hermite quadrature.
///
/// | activation   | m₁       | m₂        | m₃    | m₄          |
/// |--------------|----------|-----------|-------|-------------|
/// | relu         | σ/2      | cσ        | 0     | −cσ         |
/// | leaky-relu   | σ(1+a)/2 | c(1−a)σ   | 0     | −c(1−a)σ    |
/// | squared-relu | 2cσ²     | σ²        | 2cσ²  | 0           |
extension Activation {
    /// 1/√(2π).
    public static let gaussianDensityAtZero = 1 / (2 * Double.pi).squareRoot()

    /// m_order(σ) for order 1…4.
    public func hermiteMoment(_ order: Int, sigma: Double) -> Double {
        precondition((1...4).contains(order), "Hermite moment order must be 1…4")
        let c = Activation.gaussianDensityAtZero
        switch self {
        case .relu:
            return [sigma / 2, c * sigma, 0, -c * sigma][order - 1]
        case .leakyRelu(let a):
            return [sigma * (1 + a) / 2, c * (1 - a) * sigma, 0, -c * (1 - a) * sigma][order - 1]
        case .squaredRelu:
            let s2 = sigma * sigma
            return [2 * c * s2, s2, 2 * c * s2, 0][order - 1]
        case .sigmoid, .tanh:
            // Odd parts vanish: sigmoid − ½ and tanh are odd, so m₂ = m₄ = 0
            // exactly; quadrature would only add rounding noise.
            if order % 2 == 0 { return 0 }
            return GaussHermite.standard.expectation { z in
                value(sigma * z) * Activation.probabilistsHermite(order, z)
            }
        }
    }

    /// He_n(z) for n = 0…4.
    public static func probabilistsHermite(_ order: Int, _ z: Double) -> Double {
        let z2 = z * z
        switch order {
        case 0: return 1
        case 1: return z
        case 2: return z2 - 1
        case 3: return z * (z2 - 3)
        case 4: return z2 * z2 - 6 * z2 + 3
        default: preconditionFailure("He_n is tabulated for n ≤ 4")
        }
    }

    /// The curvature constant ρ(σ) of local strong convexity ([ZSJ+17]):
    /// with α_q = E[φ'(σz) z^q] and β_q = E[φ'(σz)² z^q],
    /// ρ(σ) = min{β₀ − α₀² − α₁², β₂ − α₁² − α₂², α₀α₂ − α₁²}.
    ///
    /// Closed forms for the piecewise-linear and squared units (quadrature
    /// converges slowly on their kinks); quadrature for sigmoid and tanh.
    public func curvature(sigma: Double) -> Double {
        let base = 0.25 - 1 / (2 * Double.pi)
        switch self {
        case .relu: return base
        case .leakyRelu(let a): return (1 - a) * (1 - a) * base
        case .squaredRelu: return (4 / Double.pi - 1) * sigma * sigma
        case .sigmoid, .tanh:
            let rule = GaussHermite.standard
            func alpha(_ q: Int) -> Double { rule.expectation { derivative(sigma * $0) * pow($0, Double(q)) } }
            func beta(_ q: Int) -> Double { rule.expectation { let d = derivative(sigma * $0); return d * d * pow($0, Double(q)) } }
            let a0 = alpha(0), a1 = alpha(1), a2 = alpha(2)
            let b0 = beta(0), b2 = beta(2)
            return Swift.min(b0 - a0 * a0 - a1 * a1, b2 - a1 * a1 - a2 * a2, a0 * a2 - a1 * a1)
        }
    }

    /// The σ ≥ 0 with m₁(σ) = `target`, found by bisection on [0, cap]
    /// (m₁ is strictly increasing in σ for all five activations). When
    /// `target ≥ m₁(cap)` the result is `cap` and `capped` is true; the
    /// caller records a warning (MATH.md §4.3: uncapped norms saturate the
    /// units and descent stalls).
    public func inverseFirstMoment(_ target: Double, cap: Double = 4) -> (sigma: Double, capped: Bool) {
        if let h = homogeneousDegree {
            let sigma = pow(Swift.max(target, 0) / hermiteMoment(1, sigma: 1), 1 / Double(h))
            return (sigma, false)
        }
        if target <= 0 { return (0, false) }
        if target >= hermiteMoment(1, sigma: cap) { return (cap, true) }
        var low = 0.0, high = cap
        for _ in 0..<80 {
            let mid = 0.5 * (low + high)
            if hermiteMoment(1, sigma: mid) < target { low = mid } else { high = mid }
            if high - low <= 1e-15 * high { break }
        }
        return (0.5 * (low + high), false)
    }
}
