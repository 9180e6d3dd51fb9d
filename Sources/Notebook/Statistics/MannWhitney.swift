import Foundation

extension Statistics {
    /// The result of a two-sided Mann–Whitney U (Wilcoxon rank-sum) test.
    public struct MannWhitneyResult: Sendable, Equatable {
        /// How the p-value was computed.
        public enum Method: Sendable, Equatable {
            /// The exact null distribution of U (no ties).
            case exact
            /// The tie-corrected normal approximation with continuity correction.
            case asymptotic
        }

        /// U of the first sample, R₁ − n₁(n₁ + 1)/2 (SciPy's `statistic`): the
        /// number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting ½.
        public let u: Double
        /// The tie-corrected normal score with continuity correction,
        /// sign(U − μ) · max(|U − μ| − ½, 0) / σ; positive when the first
        /// sample tends to be larger. Reported for both methods; 0 when σ = 0.
        public let z: Double
        /// The two-sided p-value, capped at 1.
        public let p: Double
        public let method: Method
        /// Whether the pooled sample has tied values.
        public let hasTies: Bool
    }

    /// Which p-value `mannWhitney` computes.
    public enum MannWhitneyMethod: Sendable, Equatable {
        /// Exact when there are no ties and both samples have at most 20
        /// values; asymptotic otherwise.
        case automatic
        /// Exact when there are no ties and C(n₁ + n₂, n₁) ≤ 2⁵³ (so the
        /// counts are exact in Double); otherwise falls back to asymptotic
        /// (the result's `method` says which was used).
        case exact
        case asymptotic
    }

    /// The two-sided Mann–Whitney U test of whether one sample tends to have
    /// larger values than the other (Mann & Whitney, Ann. Math. Stat. 18,
    /// 1947), following SciPy's `mannwhitneyu(x, y, alternative="two-sided")`.
    ///
    /// Ranks are midranks of the pooled sample; U₁ = R₁ − n₁(n₁+1)/2 and
    /// U₂ = n₁n₂ − U₁.
    /// - Asymptotic: μ = n₁n₂/2, σ² = n₁n₂/12 · [(n + 1) − Σ(t³ − t)/(n(n − 1))]
    ///   over tie groups of size t (Hollander & Wolfe, *Nonparametric
    ///   Statistical Methods*, 2nd ed., §4.1), p = 2·(1 − Φ((max(U₁, U₂) − μ − ½)/σ)).
    /// - Exact: p = 2·P(U ≥ max(U₁, U₂)) under the null distribution, whose
    ///   counts are the coefficients of the Gaussian binomial
    ///   [n₁+n₂ choose n₁]_q = Π_{i=1}^{n₁} (1 − q^{n₂+i}) / (1 − q^i)
    ///   (Andrews, *The Theory of Partitions*, 1976, Thm 3.1).
    ///
    /// NaN values are removed first (as `nan_policy="omit"`); ±∞ rank as
    /// the extremes. When every value is tied σ = 0, and the result is z = 0,
    /// p = 1.
    ///
    /// - Returns: `nil` when either sample is empty (after removing NaN).
    public static func mannWhitney(
        _ x: [Double], _ y: [Double], method: MannWhitneyMethod = .automatic
    ) -> MannWhitneyResult? {
        let first = x.filter { !$0.isNaN }
        let second = y.filter { !$0.isNaN }
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let n1 = first.count, n2 = second.count
        let (ranks, tieTerm) = midranks(first + second)
        let hasTies = tieTerm > 0
        let r1 = ranks[0..<n1].reduce(0, +)
        let u1 = r1 - Double(n1 * (n1 + 1)) / 2
        let product = Double(n1) * Double(n2)
        let mu = product / 2
        let n = Double(n1 + n2)
        let variance = product / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        let sigma = variance > 0 ? variance.squareRoot() : 0
        let distance = max(abs(u1 - mu) - 0.5, 0)
        let z = sigma > 0 ? (u1 < mu ? -distance : distance) / sigma : 0
        let asymptoticP = sigma > 0 ? min(1, 2 * Normal.survival(distance / sigma)) : 1

        let wantsExact: Bool
        switch method {
        case .automatic: wantsExact = !hasTies && n1 <= 20 && n2 <= 20
        case .exact: wantsExact = !hasTies && logBinomial(n1 + n2, n1) <= 53 * log(2)
        case .asymptotic: wantsExact = false
        }
        if wantsExact {
            let counts = rankSumCounts(n1, n2)
            let total = counts.reduce(0, +)
            let uMax = Int(max(u1, product - u1).rounded())
            let tail = counts[uMax...].reduce(0, +)
            return MannWhitneyResult(
                u: u1, z: z, p: min(1, 2 * tail / total), method: .exact, hasTies: false)
        }
        return MannWhitneyResult(u: u1, z: z, p: asymptoticP, method: .asymptotic, hasTies: hasTies)
    }

    /// Midranks (1-based, ties share their average rank) and the tie term
    /// Σ(t³ − t) over groups of equal values.
    static func midranks(_ values: [Double]) -> (ranks: [Double], tieTerm: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + 1 + end) / 2  // average of ranks start+1 … end
            for k in start..<end { ranks[order[k]] = rank }
            let t = Double(end - start)
            tieTerm += t * t * t - t
            start = end
        }
        return (ranks, tieTerm)
    }

    /// counts[u] = number of the C(m+n, m) arrangements with U = u, as the
    /// coefficients of Π_{i=1}^{m} (1 − q^{n+i}) / (1 − q^i). After each i the
    /// partial product is the Gaussian binomial [n+i choose i]_q, a polynomial
    /// with non-negative integer coefficients, so the arithmetic stays exact
    /// while C(m+n, m) ≤ 2⁵³.
    static func rankSumCounts(_ m: Int, _ n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n + 1)
        c[0] = 1
        for i in stride(from: 1, through: m, by: 1) {
            let up = n + i
            if up < c.count {
                for k in stride(from: c.count - 1, through: up, by: -1) { c[k] -= c[k - up] }
            }
            if i < c.count {
                for k in i..<c.count { c[k] += c[k - i] }
            }
        }
        return c
    }

    /// log C(n, k).
    static func logBinomial(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }

    /// The Hodges–Lehmann estimate of the shift between two samples: the
    /// median of all n₁n₂ differences xᵢ − yⱼ (Hodges & Lehmann, "Estimates
    /// of location based on rank tests", Ann. Math. Stat. 34, 1963). It is
    /// the shift estimate that goes with the Mann–Whitney test. NaN values are
    /// removed first. Cost O(n₁n₂ log(n₁n₂)).
    ///
    /// - Returns: `nil` when either sample is empty.
    public static func hodgesLehmannShift(_ x: [Double], _ y: [Double]) -> Double? {
        let first = x.filter { !$0.isNaN }
        let second = y.filter { !$0.isNaN }
        guard !first.isEmpty, !second.isEmpty else { return nil }
        var differences: [Double] = []
        differences.reserveCapacity(first.count * second.count)
        for a in first { for b in second { differences.append(a - b) } }
        return median(differences)
    }
}
