import Foundation

// MARK: - Location and spread

extension Statistics {
    /// The arithmetic mean x̄ = (1/n) Σᵢ xᵢ.
    ///
    /// Summed left to right (deterministic), then corrected by the mean
    /// residual (1/n) Σ (xᵢ − x̄₀), which removes most of the rounding error of
    /// the first pass (Higham, *Accuracy and Stability of Numerical
    /// Algorithms*, 2nd ed., §1.9).
    ///
    /// - Returns: `NaN` for an empty array; NaN or ±∞ propagate as usual.
    public static func mean(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let n = Double(values.count)
        let first = values.reduce(0, +) / n
        guard first.isFinite else { return first }
        let correction = values.reduce(0) { $0 + ($1 - first) } / n
        return first + correction
    }

    /// The sample variance s² = Σ (xᵢ − x̄)² / (n − 1), by the corrected
    /// two-pass algorithm (Chan, Golub & LeVeque, "Algorithms for computing
    /// the sample variance", Am. Stat. 37, 1983):
    /// s² = [Σ (xᵢ − x̄)² − (Σ (xᵢ − x̄))² / n] / (n − 1).
    ///
    /// - Returns: `NaN` when n < 2; 0 for all-equal values.
    public static func variance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        let m = mean(values)
        guard m.isFinite else { return .nan }
        var squares = 0.0
        var residual = 0.0
        for x in values {
            let d = x - m
            squares += d * d
            residual += d
        }
        let n = Double(values.count)
        return max(0, (squares - residual * residual / n) / (n - 1))
    }

    /// The sample standard deviation s = √s² (denominator n − 1, as R's `sd`
    /// and NumPy's `std(ddof=1)`).
    ///
    /// - Returns: `NaN` when n < 2; 0 for all-equal values.
    public static func standardDeviation(_ values: [Double]) -> Double {
        variance(values).squareRoot()
    }

    /// The smallest value, or `nil` for an empty array (NaN values are
    /// skipped; `nil` too when every value is NaN).
    public static func minimum(_ values: [Double]) -> Double? {
        values.lazy.filter { !$0.isNaN }.min()
    }

    /// The largest value, or `nil` for an empty array (NaN values are
    /// skipped; `nil` too when every value is NaN).
    public static func maximum(_ values: [Double]) -> Double? {
        values.lazy.filter { !$0.isNaN }.max()
    }
}

// MARK: - Quantiles

extension Statistics {
    /// The sample quantile of type 7 (Hyndman & Fan, "Sample quantiles in
    /// statistical packages", Am. Stat. 50, 1996), the default of R's
    /// `quantile` and NumPy's `quantile(method="linear")`.
    ///
    /// With the sorted values x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, h = (n − 1)·p, j = ⌊h⌋ and
    /// g = h − j:  Q(p) = x₍ⱼ₎ + g·(x₍ⱼ₊₁₎ − x₍ⱼ₎).
    /// The interpolation is written as NumPy writes it (from the upper point
    /// when g ≥ ½), so results agree with NumPy to the last bit in most cases.
    ///
    /// - Returns: `NaN` for an empty array, for p outside [0, 1], or when any
    ///   value is NaN. Cost O(n log n) for the sort.
    public static func quantile(_ values: [Double], _ probability: Double) -> Double {
        quantiles(values, [probability])[0]
    }

    /// Several type-7 quantiles of the same data, sorting once.
    /// See `quantile(_:_:)`; each entry is `NaN` under the same conditions.
    public static func quantiles(_ values: [Double], _ probabilities: [Double]) -> [Double] {
        guard !values.isEmpty, !values.contains(where: { $0.isNaN }) else {
            return probabilities.map { _ in .nan }
        }
        let sorted = values.sorted()
        return probabilities.map { quantile(sorted: sorted, $0) }
    }

    /// Type-7 quantile of already sorted, NaN-free values.
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty, p >= 0, p <= 1 else { return .nan }
        let h = Double(sorted.count - 1) * p
        let j = min(Int(h.rounded(.down)), sorted.count - 1)
        let g = h - Double(j)
        guard g > 0, j + 1 < sorted.count else { return sorted[j] }
        return interpolate(sorted[j], sorted[j + 1], g)
    }

    /// a + g (b − a) for 0 < g < 1, evaluated as NumPy's `_lerp` does.
    /// Equal neighbours (including equal infinities) give that value, and an
    /// infinite neighbour gives that infinity (its limit), never `∞ − ∞`.
    static func interpolate(_ a: Double, _ b: Double, _ g: Double) -> Double {
        if a == b { return a }
        if a.isInfinite && b.isInfinite { return g < 0.5 ? a : b }
        if a.isInfinite { return a }
        if b.isInfinite { return b }
        let difference = b - a
        return g >= 0.5 ? b - difference * (1 - g) : a + difference * g
    }

    /// The median, the type-7 quantile at ½ (the middle value, or the mean
    /// of the two middle values). `NaN` for an empty array or any NaN.
    public static func median(_ values: [Double]) -> Double {
        quantile(values, 0.5)
    }

    /// The first quartile, median and third quartile (type-7 quantiles at
    /// ¼, ½, ¾). All `NaN` for an empty array or any NaN.
    public static func quartiles(_ values: [Double]) -> (q25: Double, median: Double, q75: Double) {
        let q = quantiles(values, [0.25, 0.5, 0.75])
        return (q[0], q[1], q[2])
    }
}

// MARK: - Summary

extension Statistics {
    /// The per-point summary a report prints: count, mean, median, quartiles,
    /// extremes and standard deviation of the finite values.
    ///
    /// Non-finite values (NaN, +∞, −∞: a diverged or failed trial) are left
    /// out of every statistic and counted in `nonFiniteCount`, so a summary
    /// never silently turns into NaN and never hides a failure.
    ///
    /// With no finite values every statistic is `NaN`; with one, `sd` is
    /// `NaN` (the sample standard deviation needs n ≥ 2).
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        /// Number of finite values the statistics were computed from.
        public let count: Int
        /// Number of NaN or infinite values left out.
        public let nonFiniteCount: Int
        public let mean: Double
        public let median: Double
        /// First quartile (type-7 quantile at ¼).
        public let q25: Double
        /// Third quartile (type-7 quantile at ¾).
        public let q75: Double
        public let min: Double
        public let max: Double
        /// Sample standard deviation (denominator n − 1).
        public let sd: Double

        /// Summarises `values`, leaving out and counting non-finite values.
        public init(_ values: [Double]) {
            let finite = values.filter { $0.isFinite }
            count = finite.count
            nonFiniteCount = values.count - finite.count
            let sorted = finite.sorted()
            mean = Statistics.mean(finite)
            median = Statistics.quantile(sorted: sorted, 0.5)
            q25 = Statistics.quantile(sorted: sorted, 0.25)
            q75 = Statistics.quantile(sorted: sorted, 0.75)
            min = sorted.first ?? .nan
            max = sorted.last ?? .nan
            sd = Statistics.standardDeviation(finite)
        }

        /// The interquartile range q75 − q25.
        public var interquartileRange: Double { q75 - q25 }

        public var description: String {
            "n=\(count) (non-finite \(nonFiniteCount)) mean=\(mean) median=\(median) "
                + "IQR=[\(q25), \(q75)] range=[\(min), \(max)] sd=\(sd)"
        }
    }
}
