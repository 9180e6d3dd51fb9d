import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `convrec` (release) as a subprocess.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/release/convrec")

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A started process whose output goes to files in `directory`.
    static func start(_ arguments: [String], in directory: URL) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        let err = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        let (process, out, err) = try start(arguments, in: directory)
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Output(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    static func temporaryDirectory(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convrec-cli-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// The JSON objects of a results file, one per line.
    static func records(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// key → metrics (without timings) as canonical JSON text.
    static func metricsByKey(_ url: URL) throws -> [String: String] {
        var table: [String: String] = [:]
        for record in try records(url) {
            var metrics = record["metrics"] as! [String: Any]
            metrics["timings"] = nil
            let data = try JSONSerialization.data(withJSONObject: [metrics, record["history"]!], options: [.sortedKeys])
            table[record["key"] as! String] = String(decoding: data, as: UTF8.self)
        }
        return table
    }
}

let tinyExperiment = """
    name: tiny
    seed: 7
    trials: 3
    model: { patch_size: 4, patches: 2, kernels: 2, samples: 2000, test_samples: 500 }
    solver: { max_iterations: 50 }
    sweep:
      activation: [relu, squared-relu]
      kappa: [1.5, 3]
    """

/// ~40 trials of a few tens of milliseconds each, to be killed mid-run.
let resumeExperiment = """
    name: resume
    seed: 11
    trials: 10
    model: { patch_size: 4, patches: 2, kernels: 2, samples: 6000, test_samples: 500 }
    solver: { max_iterations: 150, tolerance: 0 }
    sweep:
      kappa: [1.5, 2.5, 3, 4]
    """

@Suite(.serialized) struct RunCommandTests {
    @Test func resultsAreTheSameWithOneJobOrTwo() throws {
        let directory = CLI.temporaryDirectory("jobs")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write(tinyExperiment, to: "tiny.yaml", in: directory)
        let one = try CLI.run(["run", "tiny.yaml", "--jobs", "1", "--output", "one"], in: directory)
        let two = try CLI.run(["run", "tiny.yaml", "--jobs", "2", "--output", "two"], in: directory)
        #expect(one.status == 0)
        #expect(two.status == 0)
        #expect(one.stderr.contains("tiny: 12 trials, 12 computed (0 failed), 0 cached"))
        let a = try CLI.metricsByKey(directory.appendingPathComponent("one/tiny/results.jsonl"))
        let b = try CLI.metricsByKey(directory.appendingPathComponent("two/tiny/results.jsonl"))
        #expect(a.count == 12)
        #expect(a == b)
    }

    @Test func aKilledRunResumesToTheSameResults() throws {
        let directory = CLI.temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write(resumeExperiment, to: "resume.yaml", in: directory)
        let results = directory.appendingPathComponent("killed/resume/results.jsonl")
        let (process, _, _) = try CLI.start(["run", "resume.yaml", "--jobs", "1", "--output", "killed"], in: directory)
        let deadline = Date().addingTimeInterval(60)
        var lines = 0
        while Date() < deadline && process.isRunning {
            lines = ((try? String(contentsOf: results, encoding: .utf8)) ?? "").split(separator: "\n").count
            if lines >= 3 { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run ended before it could be killed")
        let partial = try CLI.records(results).count
        #expect(partial >= 3 && partial < 40)

        let resumed = try CLI.run(["run", "resume.yaml", "--jobs", "1", "--output", "killed", "--json"], in: directory)
        #expect(resumed.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as! [[String: Any]]
        #expect(summary[0]["cached"] as? Int == partial)
        #expect(summary[0]["computed"] as? Int == 40 - partial)

        let clean = try CLI.run(["run", "resume.yaml", "--jobs", "2", "--output", "clean"], in: directory)
        #expect(clean.status == 0)
        let resumedRecords = try CLI.records(results)  // throws on a truncated line
        #expect(resumedRecords.count == 40)
        #expect(Set(resumedRecords.map { $0["key"] as! String }).count == 40)
        let cleanMetrics = try CLI.metricsByKey(directory.appendingPathComponent("clean/resume/results.jsonl"))
        #expect(try CLI.metricsByKey(results) == cleanMetrics)
    }

    @Test func aSecondRunOnTheSameFolderIsRefused() throws {
        let directory = CLI.temporaryDirectory("lock")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write(tinyExperiment, to: "tiny.yaml", in: directory)
        let folder = directory.appendingPathComponent("output/tiny")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Hold the lock as a running convrec would.
        let fd = open(folder.appendingPathComponent(".lock").path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let pid = Array("4242\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }

        let second = try CLI.run(["run", "tiny.yaml"], in: directory)
        #expect(second.status == 2)
        #expect(second.stderr.contains("another convrec run (pid 4242) is writing"))
        #expect(second.stderr.contains("output/tiny; wait for it or use another --output"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.jsonl").path))

        flock(fd, LOCK_UN)
        let third = try CLI.run(["run", "tiny.yaml"], in: directory)
        #expect(third.status == 0)
    }

    @Test func ctrlCStopsSchedulingWritesTheSummaryAndExits130() throws {
        let directory = CLI.temporaryDirectory("sigint")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write(resumeExperiment, to: "resume.yaml", in: directory)
        let results = directory.appendingPathComponent("output/resume/results.jsonl")
        let (process, _, err) = try CLI.start(["run", "resume.yaml", "--jobs", "1"], in: directory)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            if ((try? String(contentsOf: results, encoding: .utf8)) ?? "").contains("\n") { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let stored = try CLI.records(results).count
        #expect(stored >= 1 && stored < 40)
        let runs = try CLI.records(directory.appendingPathComponent("output/resume/runs.jsonl"))
        #expect(runs.last?["interrupted"] as? Bool == true)
        #expect(runs.last?["trials_computed"] as? Int == stored)
        #expect(try String(contentsOf: err, encoding: .utf8).contains("INTERRUPTED"))
    }

    @Test func badInputExitsTwo() throws {
        let directory = CLI.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write(tinyExperiment, to: "tiny.yaml", in: directory)
        for arguments in [["run", "tiny.yaml", "--jobs", "0"], ["run", "tiny.yaml", "--profile", "nope"],
                          ["run", "tiny.yaml", "--set", "model.kernls=2"], ["run", "missing.yaml"]] {
            let result = try CLI.run(arguments, in: directory)
            #expect(result.status == 2, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("output/tiny/results.jsonl").path))
    }
}
