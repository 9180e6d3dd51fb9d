import Foundation

/// The runner's provenance records (`<output>/<name>/runs.jsonl`, one JSON
/// object per run), read generically: the report shows the last run and
/// totals over all runs. A missing or partly unreadable file is tolerated.
public struct RunHistory: Sendable {
    /// Every readable run object, in file order.
    public let runs: [[String: JSONValue]]

    /// The keys shown first, in this order; any others follow sorted.
    public static let keyOrder = [
        "tool_version", "solver_version", "git_commit", "git_dirty", "swift_version", "os", "cpu", "cores",
        "openblas_core", "profile", "jobs", "started", "ended", "trials_total", "trials_computed",
        "trials_cached", "trials_failed", "command_line",
    ]

    public init(directory: URL) {
        // runs.jsonl, then the cluster shards' runs.shard-I-of-N.jsonl.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("runs") && $0.hasSuffix(".jsonl") }
            .sorted { ($0 == "runs.jsonl" ? 0 : 1, $0) < ($1 == "runs.jsonl" ? 0 : 1, $1) }
        runs = names.flatMap { name -> [[String: JSONValue]] in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in (try? JSONValue(parsing: String(line)))?.objectValue }
        }
    }

    public var last: [String: JSONValue]? { runs.last }

    /// Σ of an integer field over the runs.
    public func total(_ key: String) -> Int { runs.reduce(0) { $0 + ($1[key]?.intValue ?? 0) } }

    /// The last run as (key, text) pairs in `keyOrder`.
    public var lastFields: [(key: String, value: String)] {
        guard let last else { return [] }
        let keys = RunHistory.keyOrder.filter { last[$0] != nil }
            + last.keys.filter { !RunHistory.keyOrder.contains($0) }.sorted()
        return keys.map { ($0, RunHistory.text(last[$0]!)) }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .null: "null"
        case .array(let items): items.map(text).joined(separator: " ")
        default: value.text
        }
    }
}
