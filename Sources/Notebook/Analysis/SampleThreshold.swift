import ConvRecovery
import Foundation

/// The sample threshold n* of one group of points: the sample count at
/// which the success rate crosses ½ (see `Statistics.Threshold`), with a
/// bootstrap interval from resampling trials within each sample count.
public struct SampleThreshold: Sendable {
    /// The group's values of the grouping parameters (e.g. `dimension = 16`).
    public let values: [String: ParameterValue]
    /// The success curve: trials pooled by sample count, sorted by it.
    public let curve: [Statistics.TrialPoint<Bool>]
    public let threshold: Statistics.Threshold
    public let interval: Statistics.ThresholdInterval?

    /// n* as a number: the crossing, 0 when the rate is ≥ ½ at every sample
    /// count, +∞ when it never ends ≥ ½ (as the bootstrap counts them).
    public var value: Double {
        switch threshold {
        case .crossed(let x): x
        case .alwaysAbove: 0
        case .neverReached: .infinity
        }
    }

    /// The parameter n* is located along.
    public static let sampleParameter = "samples"

    /// The success curve over `samples` of some points, pooling the trials of
    /// points with equal sample counts.
    public static func curve(_ points: [PointSummary]) -> [Statistics.TrialPoint<Bool>] {
        var pooled: [Double: [Bool]] = [:]
        for point in points {
            guard let n = point[sampleParameter]?.number else { continue }
            pooled[n, default: []] += point.values("success").map { $0 == 1 }
        }
        return pooled.keys.sorted().map { Statistics.TrialPoint(x: $0, trials: pooled[$0]!) }
    }
}

extension ExperimentAnalysis {
    /// The default grouping of n*: the varying parameters other than
    /// `samples` and the file's free variables (helpers such as
    /// `samples_per_dimension` that move with the sample count), without
    /// those that add no group (`patches` when `dimension` = `patch_size` ·
    /// `patches` is already there). `dimension` is considered first.
    public var thresholdGrouping: [String] {
        let candidates = varying.filter { $0 != SampleThreshold.sampleParameter && ParameterDefinition.named($0) != nil }
        let ordered = candidates.filter { $0 == "dimension" } + candidates.filter { $0 != "dimension" }
        var kept: [String] = []
        var groups = 1
        for name in ordered {
            let count = ExperimentAnalysis.group(points, by: kept + [name]).count
            if count > groups {
                kept.append(name)
                groups = count
            }
        }
        return candidates.filter(kept.contains)
    }

    /// n* for each group of the (filtered) points by `names`.
    ///
    /// - Parameter id: names the bootstrap's random stream (with the group).
    public func sampleThresholds(groupBy names: [String], where filter: [String: ParameterValue] = [:],
                                 id: String = "n_star") -> [SampleThreshold] {
        ExperimentAnalysis.group(points(where: filter), by: names).map { group in
            let curve = SampleThreshold.curve(group.points)
            let label = ExperimentAnalysis.label(group.values, order: names)
            return SampleThreshold(
                values: group.values, curve: curve,
                threshold: Statistics.Threshold.locate(trials: curve),
                interval: Statistics.Threshold.interval(
                    trials: curve, resamples: resamples, source: source([.string(id), .string(label)])))
        }
    }
}
