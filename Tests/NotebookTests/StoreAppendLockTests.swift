import ConvRecovery
import Foundation
import Notebook
import Testing

@Suite struct StoreAppendLockTests {
    @Test func appendedLinesAreWholeRecords() throws {
        let directory = runnerTemporaryDirectory("append")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("results.jsonl")
        let appender = try ResultAppender(url: url)
        for i in 0..<3 { try appender.append(JSONValue.object(["i": .integer(i)]).text) }
        try appender.sync()
        appender.close()
        let again = try ResultAppender(url: url)
        try again.append("{\"i\":3}")
        again.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n{\"i\":3}\n")
    }

    @Test func aSecondLockOnTheSameFolderIsRefusedWithThePid() throws {
        let directory = runnerTemporaryDirectory("lock")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ExperimentLock(directory: directory, displayName: "output/x")
        #expect {
            _ = try ExperimentLock(directory: directory, displayName: "output/x")
        } throws: { error in
            guard let busy = error as? ExperimentLock.Busy else { return false }
            return busy.pid == Int(getpid())
                && busy.description.contains("another convrec run (pid \(getpid())) is writing output/x")
        }
        first.release()
        let second = try ExperimentLock(directory: directory, displayName: "output/x")
        second.release()
    }

    @Test func trialKeysIdentifySolverAndInputs() throws {
        let key = TrialKey.make(solverVersion: "solver-1", experiment: "e", point: "dimension=8", trial: 0, seed: 42)
        #expect(key.count == 32)
        #expect(key.allSatisfy { $0.isHexDigit })
        #expect(key == TrialKey.make(solverVersion: "solver-1", experiment: "e", point: "dimension=8", trial: 0, seed: 42))
        let others = [
            TrialKey.make(solverVersion: "solver-2", experiment: "e", point: "dimension=8", trial: 0, seed: 42),
            TrialKey.make(solverVersion: "solver-1", experiment: "f", point: "dimension=8", trial: 0, seed: 42),
            TrialKey.make(solverVersion: "solver-1", experiment: "e", point: "dimension=9", trial: 0, seed: 42),
            TrialKey.make(solverVersion: "solver-1", experiment: "e", point: "dimension=8", trial: 1, seed: 42),
            TrialKey.make(solverVersion: "solver-1", experiment: "e", point: "dimension=8", trial: 0, seed: 43),
        ]
        #expect(Set(others + [key]).count == 6)
    }

    @Test func everyFormatKeyReachesTheSolver() throws {
        let spec = try ExperimentSpec.parse(yaml: """
            name: all-keys
            model: { patch_size: 5, patches: 3, kernels: 2, activation: leaky-relu, leaky_slope: 0.2, kappa: 3,
                     signs: random, noise: 0.5, samples: 3000, test_samples: 700 }
            solver: { init: perturbed, perturbation: 0.3, step_size: 0.05, max_iterations: 77, tolerance: 1.0e-6,
                      loss_tolerance: 1.0e-12, resample: true, success_threshold: 0.02, learn_signs: false, history: false }
            """)
        let point = spec.plan.points[0]
        let c = TrialConfiguration(point: point, threads: 2)
        #expect(c.problem.shape == NetworkShape(patchSize: 5, patchCount: 3, kernelCount: 2))
        #expect(c.problem.activation == .leakyRelu(slope: 0.2))
        #expect(c.problem.conditionNumber == 3)
        #expect(c.problem.signs == .random)
        #expect(c.problem.noise == 0.5)
        #expect(c.problem.sampleCount == 3000)
        #expect(c.problem.testSampleCount == 700)
        #expect(c.options.initialisation == .perturbed)
        #expect(c.options.perturbation == 0.3)
        #expect(c.options.descent.stepSize == .fixed(0.05))
        #expect(c.options.descent.maxIterations == 77)
        #expect(c.options.descent.gradientTolerance == 1e-6)
        #expect(c.options.descent.lossTolerance == 1e-12)
        #expect(c.options.resample)
        #expect(c.options.successThreshold == 0.02)
        #expect(c.options.learnSigns == false)
        #expect(c.options.descent.recordHistory == false)
        #expect(c.options.threads == 2)
        #expect(c.problems.isEmpty)
        let parameters = c.parameters(point: point, seed: 5)
        #expect(parameters["history"] == .bool(false))
        #expect(parameters["step_size"] == .number(0.05))

        let defaults = TrialConfiguration(point: try ExperimentSpec.parse(yaml: "name: d").plan.points[0])
        #expect(defaults.options.descent.stepSize == .auto)
        #expect(defaults.options.learnSigns == false)
        #expect(defaults.options.descent.recordHistory)
    }
}
