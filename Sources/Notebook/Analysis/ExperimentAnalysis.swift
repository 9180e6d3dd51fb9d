import ConvRecovery
import Foundation

/// An experiment's stored trials matched to its plan and summarised point by
/// point: what charts, claims and tables read.
///
/// Matching: a record belongs to plan point P when its `point` equals
/// `P.key` and its trial index is below the plan's trials per point (so a
/// report with `--profile quick` shows only the quick profile's trials).
/// When a trial is stored more than once (two solver versions), the record
/// read last wins, as in `ResultReader`. Records of points outside the plan
/// are counted in `ignoredRecords`.
public struct ExperimentAnalysis: Sendable {
    public let spec: ExperimentSpec
    /// Every plan point in plan order, including points without trials.
    public let points: [PointSummary]
    /// Records that belong to no point of the plan (another profile, an
    /// older version of the file).
    public let ignoredRecords: Int
    /// Bootstrap resamples for every interval (default 1000).
    public let resamples: Int

    public init(spec: ExperimentSpec, records: [TrialRecord], resamples: Int = 1000) {
        self.spec = spec
        self.resamples = resamples
        var byPoint: [String: [Int: TrialRecord]] = [:]
        let keys = Set(spec.plan.points.map(\.key))
        var ignored = 0
        for record in records {
            guard keys.contains(record.point), record.trial >= 0, record.trial < spec.plan.trialsPerPoint else {
                ignored += 1
                continue
            }
            byPoint[record.point, default: [:]][record.trial] = record
        }
        ignoredRecords = ignored
        points = spec.plan.points.map { point in
            PointSummary(point: point, records: Array((byPoint[point.key] ?? [:]).values))
        }
    }

    /// The parameters that vary between points (the plan's `varying`).
    public var varying: [String] { spec.plan.varying }

    /// Stored trials used by the report.
    public var trialCount: Int { points.reduce(0) { $0 + $1.trials } }

    /// Failed trials among them.
    public var failedCount: Int { points.reduce(0) { $0 + $1.failed } }

    /// Plan points that have no stored trial yet.
    public var missingPoints: Int { points.count(where: { $0.trials == 0 }) }

    /// The points (with at least one trial) whose parameters match `filter`.
    public func points(where filter: [String: ParameterValue]) -> [PointSummary] {
        points.filter { $0.trials > 0 && ExperimentAnalysis.matches($0.point, filter) }
    }

    /// Whether a point has every value of `filter` (numbers compare by value,
    /// so `where: {kappa: 2}` matches κ = 2.0).
    public static func matches(_ point: PlanPoint, _ filter: [String: ParameterValue]) -> Bool {
        filter.allSatisfy { name, wanted in
            guard let value = point.values[name] else { return false }
            if value == wanted { return true }
            if let a = value.number, let b = wanted.number { return a == b }
            return false
        }
    }

    /// Points grouped by their values of `names`, groups in order of first
    /// appearance (plan order). A point without a parameter groups under nil.
    public static func group(_ points: [PointSummary], by names: [String])
        -> [(values: [String: ParameterValue], points: [PointSummary])] {
        var order: [[ParameterValue?]] = []
        var members: [[ParameterValue?]: [PointSummary]] = [:]
        for point in points {
            let key = names.map { point[$0] }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(point)
        }
        return order.map { key in
            var values: [String: ParameterValue] = [:]
            for (name, value) in zip(names, key) { values[name] = value }
            return (values, members[key]!)
        }
    }

    /// The deterministic random source of one bootstrap: the experiment seed
    /// and a path naming what is resampled, so every report of the same
    /// results draws the same resamples.
    public func source(_ keys: [StreamKey]) -> RandomSource {
        RandomSource(seed: spec.seed, path: ["report"] + keys)
    }

    /// The distinct values, for axes and series: ascending when all are
    /// numbers, else in order of first appearance (plan order, the order
    /// the file lists them in).
    public static func ordered(_ values: [ParameterValue]) -> [ParameterValue] {
        var distinct: [ParameterValue] = []
        for v in values where !distinct.contains(v) { distinct.append(v) }
        if distinct.allSatisfy({ $0.number != nil }) { return distinct.sorted { $0.number! < $1.number! } }
        return distinct
    }

    /// Text of a group's values, `activation=relu, dimension=16` (empty for none).
    public static func label(_ values: [String: ParameterValue], order: [String]) -> String {
        order.compactMap { name in values[name].map { "\(name)=\($0)" } }.joined(separator: ", ")
    }
}
