import ConvRecovery
import Foundation

extension Statistics {
    /// How the trials at one point are reduced to the y value a fit uses.
    public enum Aggregate: Sendable, Equatable {
        case mean
        case median
        /// exp(mean(log y)): the natural centre for a fit in log space.
        case geometricMean

        /// The aggregate of `values`; NaN values are dropped first (missing),
        /// ±∞ are kept (a diverged trial counts as a large error). `NaN` when
        /// nothing remains.
        public func callAsFunction(_ values: [Double]) -> Double {
            let present = values.filter { !$0.isNaN }
            switch self {
            case .mean: return Statistics.mean(present)
            case .median: return Statistics.median(present)
            case .geometricMean:
                guard !present.isEmpty else { return .nan }
                if present.contains(where: { $0 < 0 }) { return .nan }
                return exp(Statistics.mean(present.map { log($0) }))
            }
        }
    }

    /// A power law y = c · xᵃ fitted by least squares in log–log space:
    /// log y = log c + a log x (natural logarithms), so the exponent is the
    /// slope and the prefactor c = exp(intercept) of `LinearFit` on
    /// (log x, log y).
    ///
    /// This fits multiplicative (log-normal) scatter, the usual model for
    /// errors spanning decades (Clauset, Shalizi & Newman, SIAM Rev. 51,
    /// 2009, discuss its limits for *distributions*; here it is a regression
    /// of a measured curve, where it is the standard choice). Note exp of the
    /// intercept estimates the median, not the mean, prefactor under
    /// log-normal noise.
    public struct PowerLawFit: Sendable, Equatable {
        /// The exponent a (slope of the log–log line).
        public let exponent: Double
        /// The prefactor c = exp(intercept).
        public let prefactor: Double
        /// R² of the log–log line (NaN if every log y is equal).
        public let rSquared: Double
        /// The least-squares standard error of the exponent (NaN for two
        /// points; assumes independent log-normal scatter).
        public let exponentStandardError: Double
        /// The fitted line in (log x, log y).
        public let logLogLine: LinearFit
        /// Bootstrap percentile interval of the exponent from resampling the
        /// trials within each point; `nil` when fitted from plain (x, y).
        public let exponentInterval: BootstrapInterval?

        /// Fits y = c xᵃ to the pairs with x > 0 and y > 0 (both finite);
        /// other pairs cannot be logged and are skipped.
        ///
        /// - Returns: `nil` when the arrays differ in length, or fewer than two
        ///   usable pairs with distinct x remain.
        public init?(x: [Double], y: [Double]) {
            guard x.count == y.count else { return nil }
            self.init(x: x, y: y, exponentInterval: nil)
        }

        private init?(x: [Double], y: [Double], exponentInterval: BootstrapInterval?) {
            var logX: [Double] = []
            var logY: [Double] = []
            for (u, v) in zip(x, y) where u > 0 && v > 0 && u.isFinite && v.isFinite {
                logX.append(log(u))
                logY.append(log(v))
            }
            guard let line = LinearFit(x: logX, y: logY) else { return nil }
            self.logLogLine = line
            self.exponent = line.slope
            self.prefactor = exp(line.intercept)
            self.rSquared = line.rSquared
            self.exponentStandardError = line.slopeStandardError
            self.exponentInterval = exponentInterval
        }

        /// Fits the aggregated trials at each point (y = `aggregate` of the
        /// point's trials), with a bootstrap interval on the exponent from
        /// resampling the trials within each point and refitting.
        ///
        /// Points whose aggregate is not a positive finite number are left out
        /// of that fit (and of that replicate's fit). Replicates whose fit
        /// fails count as `failedResamples`.
        ///
        /// - Returns: `nil` when the fit on the original trials fails (fewer
        ///   than two usable points with distinct x). The interval is `nil`
        ///   only if every replicate fails.
        public init?(
            points: [TrialPoint<Double>],
            aggregate: Aggregate = .median,
            resamples: Int = 1000,
            level: Double = 0.95,
            source: RandomSource
        ) {
            let xs = points.map(\.x)
            func fittedExponent(_ groups: [[Double]]) -> Double {
                PowerLawFit(x: xs, y: groups.map { aggregate($0) }, exponentInterval: nil)?.exponent ?? .nan
            }
            let groups = points.map(\.trials)
            let interval = Bootstrap.groupedInterval(
                groups, fittedExponent, resamples: resamples, level: level, source: source)
            self.init(x: xs, y: groups.map { aggregate($0) }, exponentInterval: interval)
        }

        /// The fitted value c · xᵃ.
        public func predict(_ x: Double) -> Double { prefactor * pow(x, exponent) }
    }
}
