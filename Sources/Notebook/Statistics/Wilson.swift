import Foundation

extension Statistics {
    /// A confidence interval for a binomial proportion.
    public struct ProportionInterval: Sendable, Equatable {
        public let successes: Int
        public let trials: Int
        /// The observed proportion p̂ = successes / trials.
        public let estimate: Double
        public let lower: Double
        public let upper: Double
        /// The confidence level, e.g. 0.95.
        public let level: Double

        /// Whether `value` lies in [lower, upper].
        public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    }

    /// The Wilson score interval for a binomial proportion (Wilson,
    /// "Probable inference, the law of succession, and statistical
    /// inference", JASA 22, 1927; recommended by Brown, Cai & DasGupta,
    /// Stat. Sci. 16, 2001). With p̂ = k/n and z = Φ⁻¹((1 + level)/2):
    ///
    ///   centre = (p̂ + z²/(2n)) / (1 + z²/n)
    ///   half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²))
    ///   [centre − half, centre + half]
    ///
    /// This is statsmodels' `proportion_confint(k, n, method="wilson")`.
    /// Unlike the Wald interval it stays inside [0, 1] and is not empty at
    /// k = 0 or k = n (the bounds are clamped to [0, 1] against rounding,
    /// and are exactly 0 at k = 0 and 1 at k = n).
    ///
    /// - Returns: `nil` when trials ≤ 0, successes is outside 0...trials, or
    ///   level is not strictly between 0 and 1.
    public static func wilsonInterval(successes: Int, trials: Int, level: Double = 0.95) -> ProportionInterval? {
        guard trials > 0, successes >= 0, successes <= trials, level > 0, level < 1 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z = Normal.quantile(0.5 + level / 2)
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return ProportionInterval(
            successes: successes, trials: trials, estimate: p, lower: lower, upper: upper, level: level)
    }
}
