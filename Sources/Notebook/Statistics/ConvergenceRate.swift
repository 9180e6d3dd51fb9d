import Foundation

extension Statistics {
    /// The linear (geometric) rate of convergence of an iterative method:
    /// the least-squares slope of log(error) against iteration.
    ///
    /// If errorₖ ≈ C ρᵏ, then log errorₖ ≈ log C + k log ρ, so the slope is
    /// log ρ (natural log; negative when converging) and ρ = exp(slope) is
    /// the factor the error is multiplied by per iteration (Nocedal & Wright,
    /// *Numerical Optimization*, 2nd ed., §2.2 "Q-linear convergence").
    /// R² says how straight the curve is in the semi-log plot.
    public struct ConvergenceRate: Sendable, Equatable {
        /// d log(error) / d iteration.
        public let slope: Double
        /// ρ = exp(slope), the per-iteration contraction factor.
        public let factor: Double
        /// R² of the semi-log line (NaN if every used error is equal).
        public let rSquared: Double
        /// The fitted line log(error) = intercept + slope · iteration.
        public let line: LinearFit
        /// Number of (iteration, error) pairs used.
        public var count: Int { line.count }

        /// Fits the rate to `errors` at `iterations` (default 0, 1, 2, …).
        ///
        /// - Parameter floor: if given, only the part of the curve above the
        ///   floor is used: the points *before* the first error ≤ floor. Once
        ///   an iteration reaches the floor (machine precision, the noise
        ///   level) the later points say nothing about the rate, even if noise
        ///   lifts them above it again.
        ///
        /// Errors that are not positive finite numbers cannot be logged and
        /// are skipped (without ending the curve).
        ///
        /// - Returns: `nil` when `iterations` has a different length, or fewer
        ///   than two usable points remain.
        public init?(errors: [Double], iterations: [Double]? = nil, floor: Double? = nil) {
            let steps = iterations ?? errors.indices.map(Double.init)
            guard steps.count == errors.count else { return nil }
            var end = errors.count
            if let floor, let first = errors.firstIndex(where: { $0 <= floor }) { end = first }
            var x: [Double] = []
            var y: [Double] = []
            for i in 0..<end where errors[i] > 0 && errors[i].isFinite {
                x.append(steps[i])
                y.append(log(errors[i]))
            }
            guard let line = LinearFit(x: x, y: y) else { return nil }
            self.line = line
            self.slope = line.slope
            self.factor = exp(line.slope)
            self.rSquared = line.rSquared
        }
    }
}
