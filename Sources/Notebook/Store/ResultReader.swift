import Foundation

/// Reads an experiment's stored trials: every `*.jsonl` file in its folder but the provenance files `runs*.jsonl`
/// (the runner's `results.jsonl` and, on a cluster, one file per shard),
/// as one set.
///
/// A trial stored twice (a retried shard, a rerun with --force) counts once:
/// the last record with a key, in file-name order, wins. A line that is not
/// a whole record (a crash mid-write cannot leave one, since records are
/// written with one write each, but a hand-edited file can) is skipped and
/// reported in `skipped`, never guessed at.
public struct ResultSet: Sendable {
    public var records: [TrialRecord]
    /// "file:line: reason" for every line that was not a valid record.
    public var skipped: [String]

    public init(records: [TrialRecord], skipped: [String]) {
        self.records = records
        self.skipped = skipped
    }

    /// Records of one solver version only.
    public func records(solverVersion: String) -> [TrialRecord] {
        records.filter { $0.solverVersion == solverVersion }
    }
}

public enum ResultReader {
    /// The result files of an experiment folder, sorted by name.
    public static func resultFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix("runs") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// Every valid record under `directory` (empty when it does not exist).
    public static func records(in directory: URL) throws -> ResultSet {
        var byKey: [String: Int] = [:]
        var records: [TrialRecord] = []
        var skipped: [String] = []
        for file in resultFiles(in: directory) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.allSatisfy(\.isWhitespace) { continue }
                do {
                    let record = try TrialRecord(json: JSONValue(parsing: String(line)))
                    if let index = byKey[record.key] {
                        records[index] = record
                    } else {
                        byKey[record.key] = records.count
                        records.append(record)
                    }
                } catch {
                    skipped.append("\(file.path):\(number + 1): \(error)")
                }
            }
        }
        return ResultSet(records: records, skipped: skipped)
    }
}
