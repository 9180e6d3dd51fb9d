import ConvRecovery
import Foundation

extension Statistics {
    /// The sample threshold n*: where a success rate first crosses a target
    /// (½ by default) for good.
    ///
    /// Definition. Sort the points by x (stable, so equal x keep their
    /// order) and leave out points with x ≤ 0, non-finite x, or no rate.
    /// Let k be the first index from which every rate is ≥ target (the start
    /// of the final run at or above the target). Then
    /// - no points, or the last rate < target: `.neverReached`;
    /// - k = 0 (every rate ≥ target, even at the smallest x): `.alwaysAbove`,
    ///   since the crossing lies at or below the smallest x tried;
    /// - otherwise the crossing lies between x₍ₖ₋₁₎ (below) and x₍ₖ₎ (at or
    ///   above), interpolated linearly in log x:
    ///     log n* = log x₍ₖ₋₁₎ + (target − r₍ₖ₋₁₎)/(r₍ₖ₎ − r₍ₖ₋₁₎) · (log x₍ₖ₎ − log x₍ₖ₋₁₎).
    ///
    /// Ties and non-monotone curves: a rate exactly equal to the target
    /// counts as reached (so r₍ₖ₎ = target gives n* = x₍ₖ₎); an earlier
    /// excursion above the target that falls back below is ignored, the
    /// crossing is the one after which the rate stays up. Log-x
    /// interpolation because sample counts are swept geometrically.
    public enum Threshold: Sendable, Equatable, Hashable {
        /// The rate does not end at or above the target (never crossed for good).
        case neverReached
        /// The rate is at or above the target at every x, the smallest included.
        case alwaysAbove
        /// The rate crosses the target at this x.
        case crossed(Double)

        /// The crossing x, or `nil` when there is none.
        public var value: Double? {
            if case .crossed(let x) = self { return x }
            return nil
        }

        /// The threshold of a success-rate curve given as (x, rate) pairs.
        public static func locate(rates curve: [(x: Double, rate: Double)], target: Double = 0.5) -> Threshold {
            let points = curve.filter { $0.x > 0 && $0.x.isFinite && !$0.rate.isNaN }
            let sorted = points.enumerated().sorted {
                ($0.element.x, $0.offset) < ($1.element.x, $1.offset)
            }.map(\.element)
            guard let last = sorted.last, last.rate >= target else { return .neverReached }
            var k = sorted.count - 1
            while k > 0 && sorted[k - 1].rate >= target { k -= 1 }
            if k == 0 { return .alwaysAbove }
            let below = sorted[k - 1]
            let above = sorted[k]
            let fraction = (target - below.rate) / (above.rate - below.rate)
            let logX = log(below.x) + fraction * (log(above.x) - log(below.x))
            // Exactly reaching the target at x₍ₖ₎ returns x₍ₖ₎ itself, unrounded.
            return .crossed(fraction == 1 ? above.x : exp(logX))
        }

        /// The threshold from trial outcomes (true = success) at each x; the
        /// rate at a point is its fraction of successes. Points with no trials
        /// are left out.
        public static func locate(trials points: [TrialPoint<Bool>], target: Double = 0.5) -> Threshold {
            locate(rates: successRates(points), target: target)
        }

        static func successRates(_ points: [TrialPoint<Bool>]) -> [(x: Double, rate: Double)] {
            points.filter { !$0.trials.isEmpty }.map { point in
                (point.x, Double(point.trials.count(where: { $0 })) / Double(point.trials.count))
            }
        }

        /// A bootstrap percentile interval for n*, resampling the trials
        /// within each x (see `Bootstrap.groupedInterval`) and relocating the
        /// crossing each time.
        ///
        /// A replicate that is `.alwaysAbove` counts as n* = 0 (the crossing is
        /// below every x tried) and one that is `.neverReached` as n* = +∞, so
        /// the replicates stay ordered and none is discarded: a lower bound of
        /// 0 or an upper bound of +∞ says the interval runs off the tested
        /// range. The counts of such replicates are reported.
        ///
        /// - Returns: `nil` when there are no trials, resamples < 1 or level is
        ///   not strictly between 0 and 1.
        public static func interval(
            trials points: [TrialPoint<Bool>],
            target: Double = 0.5,
            resamples: Int = 1000,
            level: Double = 0.95,
            source: RandomSource
        ) -> ThresholdInterval? {
            let used = points.filter { !$0.trials.isEmpty }
            guard !used.isEmpty, resamples >= 1, level > 0, level < 1 else { return nil }
            let xs = used.map(\.x)
            func crossing(_ groups: [[Bool]]) -> Double {
                let curve = zip(xs, groups).map { TrialPoint(x: $0, trials: $1) }
                switch locate(trials: curve, target: target) {
                case .neverReached: return .infinity
                case .alwaysAbove: return 0
                case .crossed(let x): return x
                }
            }
            let replicates = Bootstrap.groupedReplicates(
                used.map(\.trials), crossing, resamples: resamples, source: source)
            let estimate = locate(trials: used, target: target)
            guard let percentiles = Bootstrap.percentileInterval(
                estimate: estimate.value ?? .nan, replicates: replicates, level: level)
            else { return nil }
            return ThresholdInterval(
                estimate: estimate,
                lower: percentiles.lower,
                upper: percentiles.upper,
                level: level,
                resamples: resamples,
                neverReachedCount: replicates.count(where: { $0 == .infinity }),
                alwaysAboveCount: replicates.count(where: { $0 == 0 }))
        }
    }

    /// A bootstrap interval for the threshold n*.
    public struct ThresholdInterval: Sendable, Equatable {
        /// The threshold on the original trials.
        public let estimate: Threshold
        /// Lower bound; 0 means below the smallest x tried.
        public let lower: Double
        /// Upper bound; +∞ means beyond the largest x tried.
        public let upper: Double
        public let level: Double
        public let resamples: Int
        /// Replicates in which the rate never reached the target.
        public let neverReachedCount: Int
        /// Replicates in which the rate was at or above the target everywhere.
        public let alwaysAboveCount: Int
    }
}
