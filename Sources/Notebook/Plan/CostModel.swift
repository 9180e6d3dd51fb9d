/// A rough estimate of how long a plan takes, for `convrec check` to warn
/// "this will take ~2 h" before anyone starts a run.
///
/// The model counts floating-point work per trial and divides by a
/// throughput (operations per second on one core):
///
///     data     = (n + n_test) · d · (t + 1)                  draw x, evaluate F_{W*}
///     tensor   = n · r · k · (k + t²) · 4   (init: tensor)   moment projections, KCL
///     descent  = T · n · d · t · 4 · c_φ                      loss + gradient per iteration
///     seconds  = (data + tensor + descent) / throughput
///
/// with n samples, d dimension, k patch size, r patches, t kernels, T the
/// iteration budget (`max_iterations`: an upper bound, since most runs stop
/// early on a tolerance) and c_φ the relative cost of one activation
/// evaluation (1 for the piecewise-polynomial ones, 4 for sigmoid and tanh,
/// which call `exp`). With `resample: true` data is drawn every iteration.
/// The default throughput, 10¹⁰ op/s, is set from a run where the model's
/// iteration count is exact: cnn-runtime's full profile (T = 200, tolerance
/// 0; solver-2, 2026-11-29) ran at ~1.4·10¹⁰ of these operations per
/// second per core, rounded down so the estimate stays an upper bound.
/// (2·10⁹, the value before solver-2, overestimated that run 7×.)
/// `convrec check --calibrate` rescales it by timing one small trial.
public struct CostModel: Hashable, Sendable {
    /// Operations per second for one trial on one core.
    public var throughput: Double
    /// Cost of one activation relative to relu.
    public var activationCost: [String: Double]

    public init(throughput: Double = 1e10, activationCost: [String: Double] = [
        "relu": 1, "leaky-relu": 1, "squared-relu": 1, "sigmoid": 4, "tanh": 4,
    ]) {
        self.throughput = throughput
        self.activationCost = activationCost
    }

    /// The model rescaled so that `point` costs `measuredSeconds`: time one
    /// small trial, then estimate the rest from it.
    public func calibrated(measuredSeconds: Double, for point: PlanPoint) -> CostModel {
        var model = self
        let predicted = secondsPerTrial(point)
        if predicted > 0, measuredSeconds > 0 { model.throughput *= predicted / measuredSeconds }
        return model
    }

    /// Estimated seconds for one trial at `point` (an upper bound in the
    /// iteration count).
    public func secondsPerTrial(_ point: PlanPoint) -> Double {
        func x(_ name: String) -> Double { point.values[name]?.number ?? 0 }
        let n = x("samples"), nTest = x("test_samples"), d = x("dimension")
        let k = x("patch_size"), r = x("patches"), t = x("kernels"), iterations = x("max_iterations")
        let phi = activationCost[point.values["activation"]?.string ?? ""] ?? 1
        var data = (n + nTest) * d * (t + 1)
        let tensor = point.values["init"] == .string("tensor") ? n * r * k * (k + t * t) * 4 : 0
        let descent = iterations * n * d * t * 4 * phi
        if point.values["resample"] == .bool(true) { data += iterations * n * d * (t + 1) }
        return (data + tensor + descent) / throughput
    }

    /// The estimate for a whole plan run on `jobs` parallel workers.
    public func estimate(_ plan: Plan, jobs: Int = 1) -> CostEstimate {
        let perPoint = plan.points.map(secondsPerTrial)
        let total = perPoint.reduce(0, +) * Double(plan.trialsPerPoint)
        return CostEstimate(
            secondsPerTrial: perPoint, trialsPerPoint: plan.trialsPerPoint,
            totalSeconds: total, wallSeconds: total / Double(max(1, jobs)))
    }
}

/// What `CostModel.estimate` returns.
public struct CostEstimate: Hashable, Sendable, CustomStringConvertible {
    /// Per point, in plan order.
    public let secondsPerTrial: [Double]
    public let trialsPerPoint: Int
    /// CPU seconds for all trials.
    public let totalSeconds: Double
    /// `totalSeconds` divided over the jobs.
    public let wallSeconds: Double

    /// The slowest trial.
    public var maxSecondsPerTrial: Double { secondsPerTrial.max() ?? 0 }

    /// "~2 h", "~40 min", "~12 s", "< 1 s".
    public static func format(seconds: Double) -> String {
        switch seconds {
        case ..<1: "< 1 s"
        case ..<90: "~\(Int(seconds.rounded())) s"
        case ..<5400: "~\(Int((seconds / 60).rounded())) min"
        case ..<172_800: "~\(Int((seconds / 3600).rounded())) h"
        default: "~\(Int((seconds / 86400).rounded())) days"
        }
    }

    public var description: String {
        "\(CostEstimate.format(seconds: wallSeconds)) (at most \(CostEstimate.format(seconds: maxSecondsPerTrial)) per trial)"
    }
}
