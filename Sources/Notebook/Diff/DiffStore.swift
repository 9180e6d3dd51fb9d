import Foundation

/// One side of a diff: a folder of experiments (`output/`, each
/// `<name>/results.jsonl`) or a single experiment folder, read whole.
public struct DiffStore: Sendable {
    /// One experiment's stored trials, snapshot and provenance.
    public struct Experiment: Sendable {
        public let name: String
        public let directory: URL
        public let records: [TrialRecord]
        /// "file:line: reason" of result lines that were not records.
        public let skipped: [String]
        /// `experiment.json` of the last run, when present.
        public let snapshot: JSONValue?
        public let runs: RunHistory
    }

    /// The folder as given.
    public let root: URL
    /// True when `root` is itself an experiment folder.
    public let isSingleExperiment: Bool
    /// Experiments by name, sorted by name.
    public let experiments: [Experiment]

    /// Reads every experiment under `root`. A folder holding result files
    /// (`*.jsonl` other than runs.jsonl) is one experiment; otherwise each
    /// sub-folder that holds result files is one (others are ignored, so
    /// `output/reference/` and `output/diff/` inside `output/` do not count).
    ///
    /// - Throws: `DiffError` (bad input) when the folder is missing, holds no
    ///   results, or a result file cannot be read or has no valid record.
    public init(root: URL) throws(DiffError) {
        self.root = root
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DiffError("\(root.relativePath) is not a folder; give an output folder (output/) or an experiment folder (output/<name>/)")
        }
        var folders: [URL] = []
        if !ResultReader.resultFiles(in: root).isEmpty {
            isSingleExperiment = true
            folders = [root]
        } else {
            isSingleExperiment = false
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
            folders = names.map { root.appendingPathComponent($0) }.filter { !ResultReader.resultFiles(in: $0).isEmpty }
        }
        guard !folders.isEmpty else {
            throw DiffError("no results in \(root.relativePath)/ (no *.jsonl result file in it or its sub-folders); run `convrec run` first")
        }
        var experiments: [Experiment] = []
        for folder in folders {
            let set: ResultSet
            do { set = try ResultReader.records(in: folder) } catch {
                throw DiffError("cannot read the results in \(folder.relativePath): \(error.localizedDescription)")
            }
            guard !set.records.isEmpty else {
                throw DiffError("no readable trial record in \(folder.relativePath)/"
                    + (set.skipped.first.map { " (first problem: \($0))" } ?? ""))
            }
            let snapshotFile = folder.appendingPathComponent(ExperimentSnapshot.fileName)
            let snapshot = (try? String(contentsOf: snapshotFile, encoding: .utf8)).flatMap { try? JSONValue(parsing: $0) }
            let name = snapshot?["name"]?.stringValue ?? set.records.first?.experiment ?? folder.lastPathComponent
            experiments.append(Experiment(name: name, directory: folder, records: set.records, skipped: set.skipped,
                                          snapshot: snapshot, runs: RunHistory(directory: folder)))
        }
        self.experiments = experiments.sorted { $0.name < $1.name }
    }

    /// Solver versions of the records, most frequent first.
    public var solverVersions: [String] {
        var counts: [String: Int] = [:]
        for e in experiments { for r in e.records { counts[r.solverVersion, default: 0] += 1 } }
        return counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
    }

    /// The last recorded run of any experiment (latest `ended`), for provenance.
    public var lastRun: [String: JSONValue]? {
        experiments.compactMap(\.runs.last).max { ($0["ended"]?.stringValue ?? "") < ($1["ended"]?.stringValue ?? "") }
    }

    /// `solver-1, abc1234` (+ `-dirty`): what names this side in legends.
    public var versionLabel: String {
        var parts = [solverVersions.first ?? "unknown solver"]
        if let commit = lastRun?["git_commit"]?.stringValue {
            parts.append(String(commit.prefix(7)) + (lastRun?["git_dirty"]?.boolValue == true ? "-dirty" : ""))
        } else if let tool = lastRun?["tool_version"]?.stringValue {
            parts.append("convrec " + tool)
        }
        return parts.joined(separator: ", ")
    }
}
