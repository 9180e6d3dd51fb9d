import Foundation

/// The statistics of one point of the plan over its stored trials.
///
/// Failed trials (status `failed`) are counted, never dropped: they count as
/// unsuccessful in the success rate, and a metric they did not record is
/// left out of that metric's summary (which then has fewer values than the
/// point has trials; `failed` says why).
public struct PointSummary: Sendable {
    /// The plan point (every parameter's value).
    public let point: PlanPoint
    /// The stored trials used, ordered by trial index.
    public let records: [TrialRecord]
    /// Trials whose status is `failed`.
    public let failed: Int
    /// Trials that met the success criterion (`metrics.success`).
    public let successes: Int
    /// The success rate with its Wilson 95% interval; nil with no trials.
    public let successRate: Statistics.ProportionInterval?
    /// Median, mean, quartiles, extremes and sd of every per-trial metric
    /// (`PointSummary.metricNames`) that at least one trial recorded.
    public let metrics: [String: Statistics.Summary]

    /// The per-trial metrics summarised for every point (the scalar metrics
    /// of `Metric.names`; `success_rate` and `n_star` are derived, `loss` is
    /// the last recorded loss of the history).
    public static let metricNames: [String] = Metric.names.filter { $0 != "success_rate" && $0 != "n_star" }

    public init(point: PlanPoint, records: [TrialRecord]) {
        self.point = point
        self.records = records.sorted { $0.trial < $1.trial }
        failed = records.count(where: { $0.status == .failed })
        successes = records.count(where: { PointSummary.value(of: "success", in: $0) == 1 })
        successRate = Statistics.wilsonInterval(successes: successes, trials: records.count)
        var metrics: [String: Statistics.Summary] = [:]
        for name in PointSummary.metricNames {
            let values = records.compactMap { PointSummary.value(of: name, in: $0) }
            if !values.isEmpty { metrics[name] = Statistics.Summary(values) }
        }
        self.metrics = metrics
    }

    /// Number of stored trials at the point.
    public var trials: Int { records.count }

    /// The value of a parameter at this point.
    public subscript(parameter: String) -> ParameterValue? { point.values[parameter] }

    /// One trial's value of `metric`: `success`/`success_rate` and
    /// `signs_recovered` as 1/0 (a failed trial without a recorded success
    /// counts 0), `loss` the last loss of the history (else `final_loss`),
    /// `time_*` from the timings; nil when the trial did not record it.
    public static func value(of metric: String, in record: TrialRecord) -> Double? {
        switch metric {
        case "success", "success_rate":
            return record.number("success") ?? (record.status == .failed ? 0 : nil)
        case "loss":
            return record.history.last?.loss ?? record.number("final_loss")
        default:
            return record.number(metric)
        }
    }

    /// The values of `metric` over the point's trials (nil values left out).
    public func values(_ metric: String) -> [Double] {
        records.compactMap { PointSummary.value(of: metric, in: $0) }
    }

    /// Whether the metric is a 0/1 outcome summarised as a rate.
    public static func isProportion(_ metric: String) -> Bool {
        metric == "success" || metric == "success_rate" || metric == "signs_recovered"
    }

    /// The number a chart or claim uses for this point: the success rate
    /// for proportions, the median otherwise (NaN when nothing recorded).
    public func centre(_ metric: String) -> Double {
        if PointSummary.isProportion(metric) {
            let values = values(metric)
            return values.isEmpty ? .nan : Double(values.count(where: { $0 == 1 })) / Double(values.count)
        }
        return metrics[metric]?.median ?? Statistics.Summary(values(metric)).median
    }
}
