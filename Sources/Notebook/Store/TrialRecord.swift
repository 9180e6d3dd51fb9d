import ConvRecovery

/// One stored trial: a line of an experiment's `*.jsonl` result file.
///
///     {"key": …, "experiment": …, "point": …, "trial": i, "seed": s,
///      "solver_version": …, "parameters": {…}, "metrics": {…},
///      "history": [{"iteration", "loss", "error"}…], "timings": {…},
///      "status": "ok" | "failed", "reason": …}
///
/// `parameters` holds every parameter by name, swept or fixed; `metrics`
/// holds the keys of `convrec solve --json` (see `TrialFields`). The key
/// identifies the solver version and the trial's inputs, so a stored trial
/// is reused exactly when rerunning it would compute the same numbers.
public struct TrialRecord: Sendable, Hashable {
    public var key: String
    public var experiment: String
    /// The canonical key of the trial's parameter point (`PlanPoint.key`).
    public var point: String
    public var trial: Int
    public var seed: UInt64
    public var solverVersion: String
    public var parameters: [String: JSONValue]
    public var metrics: [String: JSONValue]
    public var history: [GradientDescent.HistoryPoint]
    public var timings: TrialResult.Timings
    public var status: TrialResult.Status
    public var reason: String?

    public init(key: String, experiment: String, point: String, trial: Int, seed: UInt64, solverVersion: String,
                parameters: [String: JSONValue], metrics: [String: JSONValue],
                history: [GradientDescent.HistoryPoint], timings: TrialResult.Timings,
                status: TrialResult.Status, reason: String?) {
        self.key = key
        self.experiment = experiment
        self.point = point
        self.trial = trial
        self.seed = seed
        self.solverVersion = solverVersion
        self.parameters = parameters
        self.metrics = metrics
        self.history = history
        self.timings = timings
        self.status = status
        self.reason = reason
    }

    /// A metric as a number: booleans count 1/0 (so `success` averages to
    /// a success rate), `time_total`, `time_init`, `time_descent`,
    /// `time_data` read the timings; nil when absent or not numeric.
    public func number(_ metric: String) -> Double? {
        switch metric {
        case "time_total": return timings.total
        case "time_init": return timings.initialisation
        case "time_descent": return timings.descent
        case "time_data": return timings.data
        case "success_rate": return metrics["success"]?.doubleValue
        default: return metrics[metric]?.doubleValue
        }
    }

    /// The record as one JSON object (written as one line).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "key": .string(key), "experiment": .string(experiment), "point": .string(point),
            "trial": .integer(trial), "seed": .string(String(seed)), "solver_version": .string(solverVersion),
            "parameters": .object(parameters), "metrics": .object(metrics),
            "history": .array(history.map { p in
                .object(["iteration": .integer(p.iteration), "loss": .number(p.loss),
                         "error": p.error.map(JSONValue.number) ?? .null])
            }),
            "timings": TrialFields.timings(timings), "status": .string(status.rawValue),
        ]
        if let reason { object["reason"] = .string(reason) }
        return .object(object)
    }

    /// Reads a record back; throws on a malformed or incomplete object.
    public init(json value: JSONValue) throws {
        func field(_ name: String) throws -> JSONValue {
            guard let v = value[name] else { throw TrialRecordError(message: "missing field '\(name)'") }
            return v
        }
        guard let key = try field("key").stringValue, let experiment = try field("experiment").stringValue,
              let point = try field("point").stringValue, let trial = try field("trial").intValue,
              let seedText = try field("seed").stringValue, let seed = UInt64(seedText),
              let solverVersion = try field("solver_version").stringValue,
              let parameters = try field("parameters").objectValue, let metrics = try field("metrics").objectValue,
              let history = try field("history").arrayValue, let timings = try field("timings").objectValue,
              let statusText = try field("status").stringValue, let status = TrialResult.Status(rawValue: statusText)
        else { throw TrialRecordError(message: "a field has the wrong type") }
        self.init(key: key, experiment: experiment, point: point, trial: trial, seed: seed,
                  solverVersion: solverVersion, parameters: parameters, metrics: metrics,
                  history: history.map { p in
                      GradientDescent.HistoryPoint(iteration: p["iteration"]?.intValue ?? 0,
                                                   loss: p["loss"]?.doubleValue ?? .nan,
                                                   error: p["error"]?.doubleValue)
                  },
                  timings: TrialResult.Timings(data: timings["data"]?.doubleValue ?? 0,
                                               initialisation: timings["init"]?.doubleValue ?? 0,
                                               descent: timings["descent"]?.doubleValue ?? 0,
                                               total: timings["total"]?.doubleValue ?? 0),
                  status: status, reason: value["reason"]?.stringValue)
    }
}

public struct TrialRecordError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
