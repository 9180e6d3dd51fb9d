import ConvRecovery

extension Statistics {
    /// Trials observed at one design point x (a sample count, a dimension…):
    /// the unit the grouped bootstrap resamples within.
    public struct TrialPoint<Trial: Sendable>: Sendable {
        public let x: Double
        public let trials: [Trial]

        public init(x: Double, trials: [Trial]) {
            self.x = x
            self.trials = trials
        }
    }

    /// A bootstrap percentile interval.
    public struct BootstrapInterval: Sendable, Equatable {
        /// The statistic on the original data (may be NaN if it is undefined
        /// there even though some resamples define it).
        public let estimate: Double
        public let lower: Double
        public let upper: Double
        /// The confidence level, e.g. 0.95.
        public let level: Double
        /// Number of resamples drawn.
        public let resamples: Int
        /// Resamples on which the statistic was NaN (undefined); they are left
        /// out of the percentiles, so the interval is conditional on the
        /// statistic being defined. Report this count next to the interval.
        public let failedResamples: Int

        /// Whether `value` lies in [lower, upper].
        public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    }

    /// The nonparametric bootstrap (Efron, "Bootstrap methods: another look
    /// at the jackknife", Ann. Stat. 7, 1979) with percentile intervals
    /// (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993, §13.3).
    ///
    /// Each of B resamples draws n indices uniformly with replacement, and the
    /// interval is the type-7 quantiles of the B replicate statistics at
    /// (1 − level)/2 and (1 + level)/2. Replicates that are NaN are dropped
    /// (and counted); ±∞ replicates are kept, so a bound can be infinite.
    ///
    /// Determinism: all indices come from the one stream `source.stream`,
    /// drawn resample by resample (and, grouped, group by group in the given
    /// order, index by index) with `nextInt(below:)`. A fixed seed gives
    /// bit-identical intervals, and the first k replicates do not depend on
    /// how many resamples are requested.
    public enum Bootstrap {
        /// A percentile interval for `statistic` over resamples of `data`.
        ///
        /// `Element` is generic so paired data resample as pairs: pass
        /// `[(before, after)]` (or any struct) and the pairing is kept.
        ///
        /// - Returns: `nil` when `data` is empty, resamples < 1, level is not
        ///   strictly between 0 and 1, or every replicate is NaN.
        public static func interval<Element>(
            _ data: [Element],
            _ statistic: ([Element]) -> Double,
            resamples: Int = 1000,
            level: Double = 0.95,
            source: RandomSource
        ) -> BootstrapInterval? {
            guard !data.isEmpty, resamples >= 1, level > 0, level < 1 else { return nil }
            let values = replicates(data, statistic, resamples: resamples, source: source)
            return percentileInterval(estimate: statistic(data), replicates: values, level: level)
        }

        /// The B replicate statistics, in the order they were drawn.
        public static func replicates<Element>(
            _ data: [Element],
            _ statistic: ([Element]) -> Double,
            resamples: Int,
            source: RandomSource
        ) -> [Double] {
            guard !data.isEmpty, resamples >= 1 else { return [] }
            var stream = source.stream
            var sample = data
            var values: [Double] = []
            values.reserveCapacity(resamples)
            for _ in 0..<resamples {
                for i in sample.indices { sample[i] = data[stream.nextInt(below: data.count)] }
                values.append(statistic(sample))
            }
            return values
        }

        /// A percentile interval for a statistic of several groups, resampling
        /// within each group independently (a stratified bootstrap: Davison
        /// & Hinkley, *Bootstrap Methods and their Application*, 1997, §3.2).
        ///
        /// This is the bootstrap for fits over several design points: the
        /// groups are the trials at each x, each resample keeps every x and its
        /// trial count, and the statistic recomputes the fit. Empty groups stay
        /// empty.
        ///
        /// - Returns: `nil` when every group is empty, resamples < 1, level is
        ///   not strictly between 0 and 1, or every replicate is NaN.
        public static func groupedInterval<Element>(
            _ groups: [[Element]],
            _ statistic: ([[Element]]) -> Double,
            resamples: Int = 1000,
            level: Double = 0.95,
            source: RandomSource
        ) -> BootstrapInterval? {
            guard groups.contains(where: { !$0.isEmpty }), resamples >= 1, level > 0, level < 1 else { return nil }
            let values = groupedReplicates(groups, statistic, resamples: resamples, source: source)
            return percentileInterval(estimate: statistic(groups), replicates: values, level: level)
        }

        /// The B replicate statistics of the grouped bootstrap, in draw order.
        public static func groupedReplicates<Element>(
            _ groups: [[Element]],
            _ statistic: ([[Element]]) -> Double,
            resamples: Int,
            source: RandomSource
        ) -> [Double] {
            guard resamples >= 1 else { return [] }
            var stream = source.stream
            var sample = groups
            var values: [Double] = []
            values.reserveCapacity(resamples)
            for _ in 0..<resamples {
                for g in groups.indices where !groups[g].isEmpty {
                    let group = groups[g]
                    for i in group.indices { sample[g][i] = group[stream.nextInt(below: group.count)] }
                }
                values.append(statistic(sample))
            }
            return values
        }

        /// The percentile interval of `replicates` (NaN entries dropped and
        /// counted): type-7 quantiles at (1 ∓ level)/2.
        ///
        /// - Returns: `nil` if no replicate is a number or level ∉ (0, 1).
        public static func percentileInterval(estimate: Double, replicates: [Double], level: Double) -> BootstrapInterval? {
            guard level > 0, level < 1 else { return nil }
            let defined = replicates.filter { !$0.isNaN }.sorted()
            guard !defined.isEmpty else { return nil }
            let alpha = (1 - level) / 2
            return BootstrapInterval(
                estimate: estimate,
                lower: Statistics.quantile(sorted: defined, alpha),
                upper: Statistics.quantile(sorted: defined, 1 - alpha),
                level: level,
                resamples: replicates.count,
                failedResamples: replicates.count - defined.count)
        }
    }
}
