import Foundation

// MARK: - Special functions

extension Statistics {
    /// log Γ(x) for x > 0, from the C library's `lgamma` (Foundation).
    /// `NaN` for NaN; +∞ at 0 and the negative integers (the poles).
    public static func logGamma(_ x: Double) -> Double {
        lgamma(x)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    ///
    /// When the larger argument is ≥ 100 the difference log Γ(big) −
    /// log Γ(big + small) is taken from Stirling's series rather than from
    /// two nearly equal `lgamma` values (log Γ(5·10⁵) ≈ 6·10⁶, so the plain
    /// difference would lose ~9 digits; Student t at large ν needs it):
    ///   log Γ(a) − log Γ(a + b) = −(a − ½) log1p(b/a) − b log(a + b) + b + ω(a) − ω(a + b),
    /// with ω(x) = 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹)
    /// (Abramowitz & Stegun 6.1.41; truncation error < 10⁻²⁴ for x ≥ 100).
    /// `NaN` unless a, b > 0.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        let big = max(a, b), small = min(a, b)
        guard big >= 100, big.isFinite else { return lgamma(a) + lgamma(b) - lgamma(a + b) }
        let difference = -(big - 0.5) * log1p(small / big) - small * log(big + small) + small
            + stirlingCorrection(big) - stirlingCorrection(big + small)
        return lgamma(small) + difference
    }

    /// ω(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π], by its asymptotic series.
    static func stirlingCorrection(_ x: Double) -> Double {
        let r = 1 / x
        let r2 = r * r
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))))
    }

    /// The regularised incomplete beta function
    /// Iₓ(a, b) = (1 / B(a, b)) ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt,  0 ≤ x ≤ 1, a, b > 0.
    ///
    /// Evaluated by its continued fraction (Abramowitz & Stegun 26.5.8)
    ///   Iₓ(a, b) = xᵃ (1 − x)ᵇ / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …)))
    ///   d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
    ///   d₂ₘ   = m (b − m) x / ((a + 2m − 1)(a + 2m)),
    /// with the modified Lentz algorithm (Lentz 1976; Thompson & Barnett,
    /// J. Comput. Phys. 64, 1986; Press et al., *Numerical Recipes*, 3rd ed.,
    /// §6.4). The fraction converges fast for x < (a + 1)/(a + b + 2); above
    /// that the symmetry Iₓ(a, b) = 1 − I₁₋ₓ(b, a) is used. Relative accuracy
    /// about 1e-14.
    ///
    /// - Returns: `NaN` for a ≤ 0, b ≤ 0, x outside [0, 1] or NaN arguments.
    public static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        guard x > 0, x < 1 else { return regularizedIncompleteBeta(x: x, complement: 1 - x, a: a, b: b) }
        return regularizedIncompleteBeta(x: x, complement: 1 - x, a: a, b: b, logX: log(x), logY: log1p(-x))
    }

    /// Iₓ(a, b) given both x and y = 1 − x (and optionally their logarithms),
    /// so that a caller who knows them more accurately than 1 − x and log x
    /// (Student's t near 0 or at large ν) loses nothing to rounding.
    static func regularizedIncompleteBeta(
        x: Double, complement y: Double, a: Double, b: Double,
        logX: Double? = nil, logY: Double? = nil
    ) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1, y >= 0, y <= 1 else { return .nan }
        if x == 0 { return 0 }
        if y == 0 { return 1 }
        let lx = logX ?? log(x)
        let ly = logY ?? log(y)
        if x < (a + 1) / (a + b + 2) {
            return incompleteBetaFraction(x: x, a: a, b: b, logFront: a * lx + b * ly)
        }
        return 1 - incompleteBetaFraction(x: y, a: b, b: a, logFront: b * ly + a * lx)
    }

    /// xᵃ yᵇ / (a B(a, b)) times the continued fraction (y = 1 − x, and
    /// `logFront` = a log x + b log y); accurate when x < (a + 1)/(a + b + 2).
    static func incompleteBetaFraction(x: Double, a: Double, b: Double, logFront powers: Double) -> Double {
        let logFront = powers - logBeta(a, b) - log(a)
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        for m in 1...10_000 {
            let m = Double(m)
            // Even step d₂ₘ.
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            // Odd step d₂ₘ₊₁.
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return exp(logFront) * fraction
    }
}

// MARK: - Normal distribution

extension Statistics {
    /// The standard normal distribution N(0, 1).
    public enum Normal {
        /// The density φ(x) = exp(−x²/2) / √(2π).
        public static func density(_ x: Double) -> Double {
            exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
        }

        /// The distribution function Φ(x) = ½ erfc(−x/√2).
        ///
        /// Through `erfc` rather than `erf`, so the lower tail keeps full
        /// relative accuracy (Φ(−30) ≈ 4.9e-198, not 0).
        public static func cdf(_ x: Double) -> Double {
            0.5 * erfc(-x / 2.0.squareRoot())
        }

        /// The survival function 1 − Φ(x) = ½ erfc(x/√2), accurate in the
        /// upper tail (use it for p-values rather than `1 - cdf(x)`).
        public static func survival(_ x: Double) -> Double {
            0.5 * erfc(x / 2.0.squareRoot())
        }

        /// The quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16),
        /// "The percentage points of the normal distribution", Applied
        /// Statistics 37(3), 477–484, 1988: rational minimax approximations
        /// in three ranges, relative accuracy about 1e-16.
        ///
        /// - Returns: −∞ at p = 0, +∞ at p = 1, `NaN` outside [0, 1] or NaN.
        public static func quantile(_ p: Double) -> Double {
            guard p >= 0, p <= 1 else { return .nan }
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            let q = p - 0.5
            if abs(q) <= 0.425 {
                let r = 0.180625 - q * q
                return q * horner(r, centralNumerator) / horner(r, centralDenominator)
            }
            // r = √(−log(min(p, 1 − p))); p < ½ here uses p itself, so tiny
            // lower-tail probabilities keep their full precision.
            var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
            let z: Double
            if r <= 5 {
                r -= 1.6
                z = horner(r, intermediateNumerator) / horner(r, intermediateDenominator)
            } else {
                r -= 5
                z = horner(r, tailNumerator) / horner(r, tailDenominator)
            }
            return q < 0 ? -z : z
        }

        /// Σ cₖ xᵏ with coefficients in increasing powers.
        private static func horner(_ x: Double, _ coefficients: [Double]) -> Double {
            coefficients.reversed().reduce(0) { $0 * x + $1 }
        }

        // AS 241 coefficients, in increasing powers of r (Wichura 1988, PPND16).
        private static let centralNumerator: [Double] = [
            3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
            1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
            3.3430575583588128105e4, 2.5090809287301226727e3,
        ]
        private static let centralDenominator: [Double] = [
            1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
            2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4,
            5.2264952788528545610e3,
        ]
        private static let intermediateNumerator: [Double] = [
            1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
            3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
            2.27238449892691845833e-2, 7.74545014278341407640e-4,
        ]
        private static let intermediateDenominator: [Double] = [
            1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
            1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
            1.05075007164441684324e-9,
        ]
        private static let tailNumerator: [Double] = [
            6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
            2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
            2.71155556874348757815e-5, 2.01033439929228813265e-7,
        ]
        private static let tailDenominator: [Double] = [
            1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
            7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
            2.04426310338993978564e-15,
        ]
    }
}

// MARK: - Student's t distribution

extension Statistics {
    /// Student's t distribution with ν > 0 degrees of freedom (ν need not be
    /// an integer: Welch's test uses fractional ν). ν = +∞ is the normal.
    public struct StudentT: Sendable, Equatable {
        public let degreesOfFreedom: Double

        public init(degreesOfFreedom: Double) {
            self.degreesOfFreedom = degreesOfFreedom
        }

        /// The density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2).
        public func density(_ t: Double) -> Double {
            let v = degreesOfFreedom
            guard v > 0 else { return .nan }
            if v.isInfinite { return Normal.density(t) }
            let logNormaliser: Double = lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi)
            let logKernel: Double = -(v + 1) / 2 * log1p(t * t / v)
            return exp(logNormaliser + logKernel)
        }

        /// The lower tail P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t > 0 and
        /// ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≤ 0 (Abramowitz & Stegun 26.7.1 with
        /// 26.5.27). Each tail is computed directly, so both keep their
        /// relative accuracy. `NaN` when ν ≤ 0 or t is NaN.
        public func cdf(_ t: Double) -> Double {
            t > 0 ? 1 - tailProbability(t) : tailProbability(t)
        }

        /// The upper tail P(T > t), accurate for large t (for p-values).
        public func survival(_ t: Double) -> Double {
            t < 0 ? 1 - tailProbability(t) : tailProbability(t)
        }

        /// P(T > |t|) = ½ I_{ν/(ν+t²)}(ν/2, ½).
        private func tailProbability(_ t: Double) -> Double {
            let v = degreesOfFreedom
            guard v > 0, !t.isNaN else { return .nan }
            if v.isInfinite { return Normal.survival(abs(t)) }
            if t.isInfinite { return 0 }
            let t2 = t * t
            // Both x = ν/(ν+t²) and 1 − x = t²/(ν+t²) are formed directly:
            // for small t, 1 − x computed as a difference would lose digits.
            // log x = −log1p(t²/ν) keeps a·log x accurate when a = ν/2 is large.
            let y = t2 / (v + t2)
            return 0.5 * regularizedIncompleteBeta(
                x: v / (v + t2), complement: y, a: v / 2, b: 0.5, logX: -log1p(t2 / v), logY: log(y))
        }

        /// The quantile t with P(T ≤ t) = p.
        ///
        /// Closed forms for ν = 1 (Cauchy: tan(π(p − ½))) and ν = 2
        /// ((2p − 1)/√(2p(1 − p))); otherwise Newton's method on the lower
        /// tail from the normal quantile, kept inside a bisection bracket so it
        /// cannot diverge, to a relative change below 1e-14. The upper half
        /// uses the symmetry t(p) = −t(1 − p).
        ///
        /// - Returns: ∓∞ at p = 0 and 1, `NaN` for p outside [0, 1] or ν ≤ 0.
        public func quantile(_ p: Double) -> Double {
            let v = degreesOfFreedom
            guard v > 0, p >= 0, p <= 1 else { return .nan }
            if v.isInfinite { return Normal.quantile(p) }
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            if p == 0.5 { return 0 }
            if p > 0.5 { return -lowerQuantile(1 - p) }
            return lowerQuantile(p)
        }

        /// The quantile for 0 < p < ½ (a negative t).
        private func lowerQuantile(_ p: Double) -> Double {
            let v = degreesOfFreedom
            if v == 1 { return -1 / tan(Double.pi * p) }
            if v == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
            // Bracket [lower, upper] with cdf(lower) ≤ p ≤ cdf(upper) = ½.
            var upper = 0.0
            var lower = min(Normal.quantile(p), -1)
            while cdf(lower) > p {
                upper = lower
                lower *= 2
                if lower.isInfinite { return -.infinity }
            }
            var t = Normal.quantile(p)
            if !(t > lower && t < upper) { t = 0.5 * (lower + upper) }
            for _ in 0..<200 {
                let f = cdf(t) - p
                if f > 0 { upper = t } else { lower = t }
                let slope = density(t)
                var next = t - f / slope
                if !(next > lower && next < upper) || !next.isFinite {
                    next = 0.5 * (lower + upper)
                }
                if abs(next - t) <= 1e-14 * abs(next) { return next }
                t = next
            }
            return t
        }
    }
}
