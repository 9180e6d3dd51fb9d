import Foundation

extension Statistics {
    /// The ordinary least-squares line y = a + b x with standard errors and R².
    ///
    /// With x̄, ȳ the means, Sxx = Σ(x − x̄)², Syy = Σ(y − ȳ)² and
    /// Sxy = Σ(x − x̄)(y − ȳ) (centred sums, for accuracy):
    ///
    ///   b = Sxy / Sxx,   a = ȳ − b x̄,
    ///   s² = SSE / (n − 2),  SSE = Σ (y − a − b x)²,
    ///   se(b) = √(s² / Sxx),   se(a) = √(s² (1/n + x̄² / Sxx)),
    ///   R² = Sxy² / (Sxx Syy)  (the squared Pearson correlation).
    ///
    /// (Draper & Smith, *Applied Regression Analysis*, 3rd ed., ch. 1; the
    /// same quantities as `scipy.stats.linregress`.)
    public struct LinearFit: Sendable, Equatable {
        public let intercept: Double
        public let slope: Double
        /// Standard error of the intercept; NaN when n = 2 (no residual
        /// degrees of freedom).
        public let interceptStandardError: Double
        /// Standard error of the slope; NaN when n = 2.
        public let slopeStandardError: Double
        /// s = √(SSE/(n − 2)); NaN when n = 2.
        public let residualStandardError: Double
        /// R² ∈ [0, 1]; NaN when every y is equal (Syy = 0: nothing to explain).
        public let rSquared: Double
        /// Number of (x, y) pairs used.
        public let count: Int

        /// Fits the pairs (xᵢ, yᵢ), skipping any pair with a non-finite member.
        ///
        /// - Returns: `nil` when the arrays differ in length, fewer than two
        ///   pairs remain, or all remaining x are equal (Sxx = 0: the slope is
        ///   undefined).
        public init?(x: [Double], y: [Double]) {
            guard x.count == y.count else { return nil }
            var xs: [Double] = []
            var ys: [Double] = []
            for (u, v) in zip(x, y) where u.isFinite && v.isFinite {
                xs.append(u)
                ys.append(v)
            }
            let n = xs.count
            guard n >= 2 else { return nil }
            let xMean = Statistics.mean(xs)
            let yMean = Statistics.mean(ys)
            var sxx = 0.0, syy = 0.0, sxy = 0.0
            for (u, v) in zip(xs, ys) {
                let dx = u - xMean
                let dy = v - yMean
                sxx += dx * dx
                syy += dy * dy
                sxy += dx * dy
            }
            guard sxx > 0 else { return nil }
            let slope = sxy / sxx
            let intercept = yMean - slope * xMean
            var sse = 0.0
            for (u, v) in zip(xs, ys) {
                let r = v - (intercept + slope * u)
                sse += r * r
            }
            let residualVariance = n > 2 ? sse / Double(n - 2) : .nan
            self.intercept = intercept
            self.slope = slope
            self.count = n
            self.residualStandardError = residualVariance.squareRoot()
            self.slopeStandardError = (residualVariance / sxx).squareRoot()
            self.interceptStandardError = (residualVariance * (1 / Double(n) + xMean * xMean / sxx)).squareRoot()
            self.rSquared = syy > 0 ? min(1, sxy * sxy / (sxx * syy)) : .nan
        }

        /// The fitted value a + b x.
        public func predict(_ x: Double) -> Double { intercept + slope * x }

        /// The t-based confidence interval for the slope,
        /// b ± t_{(1+level)/2, n−2} · se(b). NaN bounds when n = 2.
        public func slopeInterval(level: Double = 0.95) -> (lower: Double, upper: Double) {
            let t = StudentT(degreesOfFreedom: Double(count - 2)).quantile(0.5 + level / 2)
            return (slope - t * slopeStandardError, slope + t * slopeStandardError)
        }
    }
}
