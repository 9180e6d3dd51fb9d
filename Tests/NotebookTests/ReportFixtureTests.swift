import ConvRecovery
import Foundation
import Notebook
import Testing

/// Synthetic result stores for the analysis, claim, chart and report tests:
/// an experiment file's plan with made-up trial outcomes, written as the
/// runner writes them (one `TrialRecord.json.text` line per trial).
enum ReportFixture {
    /// What one synthetic trial measured.
    struct Outcome {
        var error: Double
        var success: Bool
        var iterations: Int = 100
        var initError: Double = 0.1
        var failed = false
        /// (iteration, loss, error) history.
        var history: [GradientDescent.HistoryPoint] = []
    }

    static func spec(_ yaml: String, profile: String? = nil) throws -> ExperimentSpec {
        try ExperimentSpec.parse(yaml: yaml, file: "experiments/test.yaml", profile: profile)
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = "report") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("convrec-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The records of every planned trial; `outcome` sees the point, the trial
    /// index and a random stream seeded by the trial's seed.
    static func records(_ spec: ExperimentSpec,
                        _ outcome: (PlanPoint, Int, inout RandomStream) -> Outcome) -> [TrialRecord] {
        spec.plan.trials.map { planned in
            var stream = RandomSource(seed: planned.seed).stream
            let o = outcome(planned.point, planned.trial, &stream)
            var parameters: [String: JSONValue] = [:]
            for (name, value) in planned.point.values {
                switch value {
                case .integer(let i): parameters[name] = .integer(i)
                case .real(let x): parameters[name] = .number(x)
                case .string(let s): parameters[name] = .string(s)
                case .bool(let b): parameters[name] = .bool(b)
                }
            }
            var metrics: [String: JSONValue] = [:]
            if !o.failed {
                metrics = ["error": .number(o.error), "max_column_error": .number(o.error * 1.5),
                           "success": .bool(o.success), "init_error": .number(o.initError),
                           "iterations": .integer(o.iterations), "final_loss": .number(o.error * o.error)]
            }
            return TrialRecord(
                key: "\(ConvRecoveryVersion.solver)|\(planned.id)", experiment: spec.name, point: planned.point.key,
                trial: planned.trial, seed: planned.seed, solverVersion: ConvRecoveryVersion.solver,
                parameters: parameters, metrics: metrics, history: o.history,
                timings: TrialResult.Timings(data: 0.01, initialisation: 0.02, descent: 0.1, total: 0.13),
                status: o.failed ? .failed : .ok, reason: o.failed ? "synthetic failure" : nil)
        }
    }

    /// Writes records to `<output>/<name>/results.jsonl` (and a runs.jsonl line when asked).
    static func store(_ records: [TrialRecord], output: URL, name: String, runs: [JSONValue] = []) throws {
        let folder = output.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (records.map(\.json.text).joined(separator: "\n") + "\n")
            .write(to: folder.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        if !runs.isEmpty {
            try (runs.map(\.text).joined(separator: "\n") + "\n")
                .write(to: folder.appendingPathComponent("runs.jsonl"), atomically: true, encoding: .utf8)
        }
    }

    /// A provenance line as the runner writes it.
    static func run(computed: Int, cached: Int = 0) -> JSONValue {
        .object([
            "tool_version": .string("0.1.0"), "solver_version": .string("solver-1"), "git_commit": .string("abc1234"),
            "git_dirty": .bool(true), "swift_version": .string("6.3"), "os": .string("Linux"), "cpu": .string("Test CPU"),
            "cores": .integer(2), "openblas_core": .string("HASWELL"), "command_line": .string("convrec run experiments/test.yaml"),
            "profile": .null, "jobs": .integer(2), "started": .string("2026-11-29T16:00:00Z"),
            "ended": .string("2026-11-29T16:05:00Z"), "trials_total": .integer(computed + cached),
            "trials_computed": .integer(computed), "trials_cached": .integer(cached), "trials_failed": .integer(0),
        ])
    }

    /// Success with probability 1/(1 + (n*/n)^4) — the rate crosses ½ at n*.
    static func logistic(_ n: Double, threshold: Double) -> Double { 1 / (1 + pow(threshold / n, 4)) }

    /// A geometric convergence history: loss ρ^(2k), error ρ^k from `start`.
    static func history(rate: Double, start: Double, iterations: Int, noise: Double = 0, stream: inout RandomStream)
        -> [GradientDescent.HistoryPoint] {
        (0...iterations).map { k in
            let e = max(start * pow(rate, Double(k)) * exp(noise * stream.nextGaussian()), 1e-16)
            return GradientDescent.HistoryPoint(iteration: k, loss: e * e, error: e)
        }
    }

    /// The paper-like experiment: error ∝ n^(-1/2) for two activations, a
    /// success threshold n* = 40·d, convergence histories per init.
    static let samplesYAML = """
        name: samples
        title: Recovery error against sample count
        description: Synthetic results shaped like the paper's.
        seed: 7
        trials: 8
        model: { patch_size: 4, kernels: 2 }
        sweep:
          activation: [relu, squared-relu]
          patches: [2, 4]
          samples: [100, 200, 400, 800, 1600]
        charts:
          - id: error-vs-samples
            title: Recovery error against n
            x: samples
            y: error
            series: activation
            log_x: true
            log_y: true
            theory: "c * x^(-0.5)"
          - id: success-vs-samples
            x: samples
            y: success_rate
            series: dimension
            log_x: true
          - id: recovery-heatmap
            kind: heatmap
            x: samples
            y: dimension
            theory: "c * dimension"
          - id: n-star
            x: dimension
            y: n_star
            where: { activation: relu }
        claims:
          - id: error-decays
            statement: The error decays like n^(-1/2).
            check: { kind: power_law, x: samples, y: error, exponent: [-0.6, -0.4], per: activation }
          - id: error-falls
            statement: More samples, smaller error.
            check: { kind: decreasing, x: samples, y: error }
          - id: n-star-grows
            statement: n* grows with d.
            check: { kind: increasing, x: dimension, y: n_star }
        """

    static func samplesOutcome(_ point: PlanPoint, _ trial: Int, _ stream: inout RandomStream) -> Outcome {
        let n = point.real("samples"), d = point.real("dimension")
        let scale = point.string("activation") == "relu" ? 1.0 : 2.0
        let error = scale * pow(n, -0.5) * exp(0.1 * stream.nextGaussian())
        let success = stream.nextUniform() < logistic(n, threshold: 40 * d)
        return Outcome(error: error, success: success, iterations: 50 + trial)
    }
}

@Test func fixtureStoreRoundTrips() throws {
    let spec = try ReportFixture.spec(ReportFixture.samplesYAML)
    let records = ReportFixture.records(spec, ReportFixture.samplesOutcome)
    let output = ReportFixture.temporaryFolder()
    try ReportFixture.store(records, output: output, name: spec.name)
    let read = try ResultReader.records(in: output.appendingPathComponent(spec.name))
    #expect(read.records.count == spec.plan.trialCount)
    #expect(read.skipped.isEmpty)
}
