import Foundation

extension Statistics {
    /// The result of a two one-sided tests (TOST) equivalence test.
    ///
    /// Equivalence is claimed at level α when p < α, that is when both
    /// one-sided nulls ("the effect is at or below the lower margin", "… at
    /// or above the upper margin") are rejected; equivalently when the
    /// (1 − 2α) confidence interval lies inside the margins (Schuirmann,
    /// J. Pharmacokin. Biopharm. 15, 1987).
    public struct EquivalenceResult: Sendable, Equatable {
        /// The estimated effect: the ratio of geometric means (first over
        /// second) for `ratioTest`, the difference of proportions p₁ − p₂ for
        /// `proportionTest`.
        public let estimate: Double
        /// The equivalence margins on the scale of `estimate`.
        public let lowerMargin: Double
        public let upperMargin: Double
        /// The test statistics (t or z) against the lower and upper margins.
        public let statisticLower: Double
        public let statisticUpper: Double
        /// One-sided p-values: H₀ effect ≤ lower margin, and H₀ effect ≥ upper margin.
        public let pLower: Double
        public let pUpper: Double
        /// The TOST p-value, max(pLower, pUpper).
        public let p: Double
        /// Welch–Satterthwaite degrees of freedom (`ratioTest`; NaN when both
        /// samples have zero variance), +∞ for the z tests of `proportionTest`.
        public let degreesOfFreedom: Double

        /// Whether equivalence is shown at level α (p < α).
        public func isEquivalent(alpha: Double = 0.05) -> Bool { p < alpha }
    }

    /// Equivalence tests (TOST) for the diff stage: is a new result set the
    /// same as the reference within a stated tolerance?
    public enum Equivalence {
        /// TOST for the ratio of geometric means of two positive samples, on
        /// the log scale: with δ = log(1 + tolerance), the ratio is equivalent
        /// when it lies in [1/(1 + tolerance), 1 + tolerance], i.e. the mean
        /// log difference d = mean(log x) − mean(log y) lies in [−δ, δ].
        ///
        /// Two one-sided Welch t tests on the logs (Welch, Biometrika 34, 1947):
        ///   se = √(s₁²/n₁ + s₂²/n₂),
        ///   ν  = (s₁²/n₁ + s₂²/n₂)² / [(s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)],
        ///   t_L = (d + δ)/se, p_L = P(T_ν ≥ t_L);  t_U = (d − δ)/se, p_U = P(T_ν ≤ t_U),
        ///   p = max(p_L, p_U).
        /// The log scale suits errors and run times, whose scatter is
        /// multiplicative; the margins are symmetric in log, so swapping the
        /// samples gives the same p.
        ///
        /// Degenerate cases: if both samples have zero variance (se = 0), the
        /// one-sided p-values are 0 when d lies strictly inside the margin on
        /// that side and 1 otherwise (the statistics are ±∞).
        ///
        /// - Returns: `nil` when a sample has fewer than two values, a value
        ///   is not a positive finite number, or tolerance ≤ 0.
        public static func ratioTest(_ x: [Double], _ y: [Double], tolerance: Double) -> EquivalenceResult? {
            guard x.count >= 2, y.count >= 2, tolerance > 0, tolerance.isFinite,
                  (x + y).allSatisfy({ $0 > 0 && $0.isFinite })
            else { return nil }
            let logX = x.map { log($0) }
            let logY = y.map { log($0) }
            let d = mean(logX) - mean(logY)
            let delta = log1p(tolerance)
            let v1 = variance(logX) / Double(x.count)
            let v2 = variance(logY) / Double(y.count)
            let se = (v1 + v2).squareRoot()
            let nu = (v1 + v2) * (v1 + v2) / (v1 * v1 / Double(x.count - 1) + v2 * v2 / Double(y.count - 1))
            let (tLower, tUpper, pLower, pUpper): (Double, Double, Double, Double)
            if se > 0 {
                let t = StudentT(degreesOfFreedom: nu)
                tLower = (d + delta) / se
                tUpper = (d - delta) / se
                pLower = t.survival(tLower)
                pUpper = t.cdf(tUpper)
            } else {
                tLower = d + delta > 0 ? .infinity : -.infinity
                tUpper = d - delta < 0 ? -.infinity : .infinity
                pLower = d + delta > 0 ? 0 : 1
                pUpper = d - delta < 0 ? 0 : 1
            }
            return EquivalenceResult(
                estimate: exp(d), lowerMargin: 1 / (1 + tolerance), upperMargin: 1 + tolerance,
                statisticLower: tLower, statisticUpper: tUpper,
                pLower: pLower, pUpper: pUpper, p: max(pLower, pUpper),
                degreesOfFreedom: se > 0 ? nu : .nan)
        }

        /// TOST for the difference of two binomial proportions within
        /// ±margin, by two one-sided Wald z tests with the unpooled standard
        /// error (Chow, Shao & Wang, *Sample Size Calculations in Clinical
        /// Research*, 2nd ed., §4.2):
        ///   p̂ᵢ = kᵢ/nᵢ, Δ = p̂₁ − p̂₂, se = √(p̂₁(1−p̂₁)/n₁ + p̂₂(1−p̂₂)/n₂),
        ///   z_L = (Δ + margin)/se, p_L = 1 − Φ(z_L);  z_U = (Δ − margin)/se, p_U = Φ(z_U),
        ///   p = max(p_L, p_U).
        /// The Wald error is large-sample; with rates near 0 or 1 and few
        /// trials it is optimistic.
        ///
        /// Degenerate cases: se = 0 (each rate is 0 or 1) is handled as in
        /// `ratioTest`: a side's p is 0 if Δ is strictly inside that margin,
        /// else 1.
        ///
        /// - Returns: `nil` when a trial count is ≤ 0, a success count is
        ///   outside 0...trials, or margin is not in (0, 1].
        public static func proportionTest(
            successes1: Int, trials1: Int, successes2: Int, trials2: Int, margin: Double
        ) -> EquivalenceResult? {
            guard trials1 > 0, trials2 > 0, (0...trials1).contains(successes1),
                  (0...trials2).contains(successes2), margin > 0, margin <= 1
            else { return nil }
            let n1 = Double(trials1), n2 = Double(trials2)
            let p1 = Double(successes1) / n1
            let p2 = Double(successes2) / n2
            let difference = p1 - p2
            let se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
            let (zLower, zUpper, pLower, pUpper): (Double, Double, Double, Double)
            if se > 0 {
                zLower = (difference + margin) / se
                zUpper = (difference - margin) / se
                pLower = Normal.survival(zLower)
                pUpper = Normal.cdf(zUpper)
            } else {
                zLower = difference + margin > 0 ? .infinity : -.infinity
                zUpper = difference - margin < 0 ? -.infinity : .infinity
                pLower = difference + margin > 0 ? 0 : 1
                pUpper = difference - margin < 0 ? 0 : 1
            }
            return EquivalenceResult(
                estimate: difference, lowerMargin: -margin, upperMargin: margin,
                statisticLower: zLower, statisticUpper: zUpper,
                pLower: pLower, pUpper: pUpper, p: max(pLower, pUpper),
                degreesOfFreedom: .infinity)
        }
    }
}
