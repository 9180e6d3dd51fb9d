import Foundation

extension Statistics {
    /// The result of Fisher's exact test on a 2 × 2 table.
    public struct FisherExactResult: Sendable, Equatable {
        /// The sample odds ratio ad / (bc): +∞ when bc = 0 < ad, and NaN when
        /// a row or column of the table is empty (SciPy's convention).
        public let oddsRatio: Double
        /// The two-sided p-value, in [0, 1].
        public let p: Double
    }

    /// Fisher's exact test of independence in the 2 × 2 table
    ///
    ///     [[a, b],
    ///      [c, d]]
    ///
    /// (Fisher, *Statistical Methods for Research Workers*, 1934 §21.02;
    /// Agresti, *Categorical Data Analysis*, 3rd ed., §3.5). With the margins
    /// fixed, the top-left cell k is hypergeometric:
    ///   P(k) = C(a+b, k) C(c+d, a+c−k) / C(n, a+c),
    /// evaluated through log Γ to avoid overflow. The two-sided p-value is
    /// the sum of P(k) over all k with P(k) ≤ P(a)·(1 + 10⁻⁷), the
    /// convention of R's `fisher.test` and SciPy's `fisher_exact` (the
    /// relative tolerance keeps tables of equal probability from being lost
    /// to rounding). Summed as P(a) · Σ exp(log P(k) − log P(a)).
    ///
    /// - Returns: `nil` if any cell is negative. A table whose margins allow
    ///   only one arrangement (e.g. all zeros) has p = 1.
    public static func fisherExact(a: Int, b: Int, c: Int, d: Int) -> FisherExactResult? {
        guard a >= 0, b >= 0, c >= 0, d >= 0 else { return nil }
        let row1 = a + b, row2 = c + d, column1 = a + c, column2 = b + d
        let oddsRatio: Double
        if row1 == 0 || row2 == 0 || column1 == 0 || column2 == 0 {
            oddsRatio = .nan
        } else if b == 0 || c == 0 {
            oddsRatio = .infinity
        } else {
            oddsRatio = (Double(a) * Double(d)) / (Double(b) * Double(c))
        }
        let n = row1 + row2
        let low = max(0, column1 - row2)
        let high = min(row1, column1)
        func logP(_ k: Int) -> Double {
            logBinomial(row1, k) + logBinomial(row2, column1 - k) - logBinomial(n, column1)
        }
        let observed = logP(a)
        let cutoff = log1p(1e-7)
        var relativeSum = 0.0
        for k in low...high {
            let relative = logP(k) - observed
            if relative <= cutoff { relativeSum += exp(relative) }
        }
        let p = min(1, exp(observed) * relativeSum)
        return FisherExactResult(oddsRatio: oddsRatio, p: p)
    }
}
