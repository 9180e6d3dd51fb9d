import Foundation
import ConvRecovery

/// `<output>/<name>/experiment.json`: the resolved spec and plan of the last
/// run, for the report stage — name, title, description, seed, trials,
/// profile, varying, and every point (`key`, `values`). Rewritten atomically
/// by every run.
public enum ExperimentSnapshot {
    public static let fileName = "experiment.json"

    public static func json(_ spec: ExperimentSpec) -> JSONValue {
        func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        let points: [JSONValue] = spec.plan.points.map { point in
            .object(["key": .string(point.key),
                     "values": .object(point.values.mapValues(\.json))])
        }
        return .object([
            "name": .string(spec.name), "title": optional(spec.title), "description": optional(spec.description),
            "file": .string(spec.file), "seed": .string(String(spec.seed)), "trials": .integer(spec.trials),
            "profile": optional(spec.profile), "varying": .array(spec.plan.varying.map(JSONValue.string)),
            "points": .array(points), "solver_version": .string(ConvRecoveryVersion.solver),
        ])
    }

    public static func write(_ spec: ExperimentSpec, in directory: URL) throws {
        try ResultAppender.writeAtomically(json(spec).prettyText + "\n",
                                           to: directory.appendingPathComponent(fileName))
    }
}
