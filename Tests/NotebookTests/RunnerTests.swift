import ConvRecovery
import Foundation
import Notebook
import Testing

/// A fresh folder under the system's temporary directory.
func runnerTemporaryDirectory(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("convrec-runner-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Collects the runner's log lines.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    var lines: [String] { lock.withLock { storage } }
    func append(_ line: String) { lock.withLock { storage.append(line) } }
}

func tinySpec(trials: Int = 2, extra: String = "") throws -> ExperimentSpec {
    try ExperimentSpec.parse(yaml: """
        name: tiny
        seed: 7
        trials: \(trials)
        model: { patch_size: 4, patches: 2, kernels: 2, samples: 2000, test_samples: 500 }
        solver: { max_iterations: 50 }
        sweep:
          activation: [relu, squared-relu]
        \(extra)
        """)
}

func quietOptions(_ output: URL, jobs: Int = 2, force: Bool = false, log: LogLines? = nil) -> RunOptions {
    RunOptions(output: output, jobs: jobs, force: force, progress: false, commandLine: ["test"],
               log: { line in log?.append(line) })
}

@Suite struct RunnerTests {
    @Test func extendingTrialsComputesOnlyTheNewOnes() throws {
        let output = runnerTemporaryDirectory("extend")
        defer { try? FileManager.default.removeItem(at: output) }
        let first = try Runner.run(specs: [tinySpec(trials: 2)], options: quietOptions(output))
        #expect(first.map(\.computed) == [4])
        #expect(first.map(\.cached) == [0])

        let again = try Runner.run(specs: [tinySpec(trials: 2)], options: quietOptions(output))
        #expect(again.map(\.computed) == [0])
        #expect(again.map(\.cached) == [4])

        let extended = try Runner.run(specs: [tinySpec(trials: 3)], options: quietOptions(output))
        #expect(extended.map(\.computed) == [2])
        #expect(extended.map(\.cached) == [4])
        #expect(extended.map(\.total) == [6])

        // A new point: only its trials run.
        let morePoints = try ExperimentSpec.parse(yaml: """
            name: tiny
            seed: 7
            trials: 3
            model: { patch_size: 4, patches: 2, kernels: 2, samples: 2000, test_samples: 500 }
            solver: { max_iterations: 50 }
            sweep:
              activation: [relu, squared-relu, leaky-relu]
            """)
        let widened = try Runner.run(specs: [morePoints], options: quietOptions(output))
        #expect(widened.map(\.computed) == [3])
        #expect(widened.map(\.cached) == [6])

        let forced = try Runner.run(specs: [tinySpec(trials: 3)], options: quietOptions(output, force: true))
        #expect(forced.map(\.computed) == [6])
        #expect(forced.map(\.cached) == [0])

        let stored = try ResultReader.records(in: output.appendingPathComponent("tiny"))
        #expect(stored.records.count == 9)
        #expect(stored.skipped.isEmpty)
        #expect(Set(stored.records.map(\.key)).count == 9)
    }

    @Test func changingTheSolverVersionRecomputesAndSaysSo() throws {
        let output = runnerTemporaryDirectory("version")
        defer { try? FileManager.default.removeItem(at: output) }
        let spec = try tinySpec(trials: 2)
        _ = try Runner.run(specs: [spec], options: quietOptions(output))
        // Rewrite the store as if an older solver had written it.
        let results = output.appendingPathComponent("tiny").appendingPathComponent(Runner.resultsFileName)
        let old = try ResultReader.records(in: output.appendingPathComponent("tiny")).records.map { record -> String in
            var r = record
            r.solverVersion = "solver-0"
            r.key = TrialKey.make(solverVersion: "solver-0", experiment: r.experiment, point: r.point,
                                  trial: r.trial, seed: r.seed)
            return r.json.text
        }
        try (old.joined(separator: "\n") + "\n").write(to: results, atomically: true, encoding: .utf8)

        let log = LogLines()
        let summary = try Runner.run(specs: [spec], options: quietOptions(output, log: log))
        #expect(summary.map(\.computed) == [4])
        #expect(summary.map(\.cached) == [0])
        #expect(summary.map(\.invalidated) == [4])
        #expect(log.lines.contains { $0.contains("4 stored trials are from solver-0; recomputing") })
        // The old records stay in the file, ignored.
        let all = try ResultReader.records(in: output.appendingPathComponent("tiny"))
        #expect(all.records(solverVersion: "solver-0").count == 4)
        #expect(all.records(solverVersion: ConvRecoveryVersion.solver).count == 4)
    }

    @Test func aNumericallyFailedTrialIsStoredWithItsReason() throws {
        // Label noise of 1e200 overflows the squared loss to infinity, so
        // descent stops as diverged at iteration 0. (A fixed step of 1e6 does
        // not fail: the halving safeguard shrinks it until the loss falls.
        // init: perturbed because the tensor method traps on such data.)
        let spec = try ExperimentSpec.parse(yaml: """
            name: failing
            trials: 2
            model: { patch_size: 4, patches: 2, kernels: 2, samples: 2000, test_samples: 500 }
            solver: { max_iterations: 50, init: perturbed }
            sweep:
              noise: [0, 1.0e200]
            """)
        let output = runnerTemporaryDirectory("failed")
        defer { try? FileManager.default.removeItem(at: output) }
        let summary = try Runner.run(specs: [spec], options: quietOptions(output))
        #expect(summary.map(\.computed) == [4])
        #expect(summary.map(\.failed) == [2])
        let records = try ResultReader.records(in: output.appendingPathComponent("failing")).records
        let failed = records.filter { $0.status == .failed }
        #expect(failed.count == 2)
        #expect(failed.allSatisfy { $0.reason?.contains("diverged") == true })
        #expect(failed.allSatisfy { $0.parameters["noise"]?.doubleValue == 1e200 })
        let runs = try String(contentsOf: output.appendingPathComponent("failing/runs.jsonl"), encoding: .utf8)
        #expect(try JSONValue(parsing: String(runs.split(separator: "\n").last!))["trials_failed"] == .integer(2))
    }

    @Test func aHugeFixedStepIsTamedByHalvingNotAFailure() throws {
        let spec = try tinySpec(trials: 1, extra: "").plan.points[0]
        var configuration = TrialConfiguration(point: spec)
        configuration.options.descent.stepSize = .fixed(1e6)
        let result = Solver.solve(configuration.problem, options: configuration.options, seed: 3)
        #expect(result.status == .ok)
        #expect(result.stepHalvings > 0)
    }

    @Test func pointsTheSolverRefusesAreInputErrorsAndNothingRuns() throws {
        // resample needs at least 2000 samples; the spec format cannot see that.
        let spec = try ExperimentSpec.parse(yaml: """
            name: refused
            trials: 1
            model: { samples: 1000 }
            solver: { resample: true }
            """)
        let output = runnerTemporaryDirectory("refused")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect {
            try Runner.run(specs: [spec], options: quietOptions(output))
        } throws: { error in
            guard let error = error as? RunError, case .invalidPoints(let lines) = error else { return false }
            return error.exitCode == 2 && lines.count == 1 && lines[0].contains("resample")
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("refused").path))
    }

    @Test func resultsDoNotDependOnTrialOrder() throws {
        let output = runnerTemporaryDirectory("order")
        defer { try? FileManager.default.removeItem(at: output) }
        let forward = try tinySpec(trials: 2)
        let reversed = try ExperimentSpec.parse(yaml: """
            name: tiny
            seed: 7
            trials: 2
            model: { patch_size: 4, patches: 2, kernels: 2, samples: 2000, test_samples: 500 }
            solver: { max_iterations: 50 }
            sweep:
              activation: [squared-relu, relu]
            """)
        let a = output.appendingPathComponent("a"), b = output.appendingPathComponent("b")
        _ = try Runner.run(specs: [forward], options: quietOptions(a, jobs: 1))
        _ = try Runner.run(specs: [reversed], options: quietOptions(b, jobs: 2))
        #expect(try metricsByKey(a.appendingPathComponent("tiny")) == metricsByKey(b.appendingPathComponent("tiny")))
    }
}

/// key → metrics JSON text without timings.
func metricsByKey(_ directory: URL) throws -> [String: String] {
    var table: [String: String] = [:]
    for record in try ResultReader.records(in: directory).records {
        var metrics = record.metrics
        metrics["timings"] = nil
        table[record.key] = JSONValue.object(metrics).text + JSONValue.array(record.history.map {
            .array([.integer($0.iteration), .number($0.loss), $0.error.map(JSONValue.number) ?? .null])
        }).text
    }
    return table
}

@Suite struct RunnerLockTests {
    @Test func aBusyFolderStopsTheRunBeforeAnyExperimentRuns() throws {
        let output = runnerTemporaryDirectory("busy")
        defer { try? FileManager.default.removeItem(at: output) }
        let other = try ExperimentSpec.parse(yaml: "name: other\ntrials: 1\nmodel: { patch_size: 4, patches: 2, kernels: 2, samples: 2000 }\nsolver: { max_iterations: 10 }\n")
        let held = try ExperimentLock(directory: { () -> URL in
            let url = output.appendingPathComponent("tiny")
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }(), displayName: "tiny")
        defer { held.release() }
        #expect {
            try Runner.run(specs: [other, tinySpec()], options: quietOptions(output))
        } throws: { error in
            guard let error = error as? RunError, case .busy = error else { return false }
            return error.exitCode == 2
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("other/results.jsonl").path))
    }
}
