import ArgumentParser
import ConvRecovery
import Foundation
import Notebook

/// `convrec check`: validate experiment files and show their plans.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate experiment files and print their plans and estimated cost, without running anything.",
        discussion: """
        Every error of every file is reported (file:line:column: key: problem),
        then convrec exits with status 2. For valid files it prints, per
        experiment, the points and trials, the parameters that vary, how many
        trials are already stored under <output>/<name>/, and an estimate of
        the running time (an upper bound: it assumes every trial uses its
        whole iteration budget).

        Examples:
          convrec check experiments/*.yaml
          convrec check experiments/samples.yaml --profile quick --json
          convrec check experiments/samples.yaml --calibrate   # time one small trial first
        """
    )

    @Argument(help: "Experiment files (YAML).")
    var files: [String]
    @Option(help: "Apply the named profile of each file (e.g. quick).")
    var profile: String?
    @Option(name: .customLong("set"), help: "Override a key: --set solver.max_iterations=500 (repeatable).")
    var overrides: [String] = []
    @Option(help: "Results folder in which to look for stored trials.")
    var output = "output"
    @Option(help: "Jobs assumed by the estimate (default: all cores).")
    var jobs: Int?
    @Flag(help: "Time one trial of the cheapest point and rescale the estimate by it.")
    var calibrate = false
    @Flag(help: "Print one JSON object per file instead of text.")
    var json = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs: must be at least 1 (got \(jobs))") }
    }

    func run() throws {
        let specs = try loadExperimentSpecs(files, profile: profile, overrides: overrides)
        let invalid = specs.flatMap(Runner.invalidPoints)
        if !invalid.isEmpty {
            FileHandle.standardError.write(Data((invalid.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(2)
        }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        var reports: [JSONValue] = []
        for spec in specs {
            for warning in spec.warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
            let directory = URL(fileURLWithPath: output).appendingPathComponent(spec.name)
            let cache = try? Runner.cacheState(spec, directory: directory)
            let cached = cache?.cachedKeys.count ?? 0
            let stale = cache?.staleByVersion.values.reduce(0, +) ?? 0
            var model = CostModel()
            var calibration: (point: PlanPoint, seconds: Double)?
            if calibrate, let point = spec.plan.points.min(by: { model.secondsPerTrial($0) < model.secondsPerTrial($1) }) {
                let configuration = TrialConfiguration(point: point, threads: 1)
                let trial = spec.plan.trials(for: point)[0]
                let clock = ContinuousClock()
                let start = clock.now
                _ = Solver.solve(configuration.problem, options: configuration.options, seed: trial.seed)
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                model = model.calibrated(measuredSeconds: seconds, for: point)
                calibration = (point, seconds)
            }
            let estimate = model.estimate(spec.plan, jobs: jobs)
            let remainingFraction = spec.plan.trialCount > 0 ? Double(spec.plan.trialCount - cached) / Double(spec.plan.trialCount) : 0
            if json {
                var object: [String: JSONValue] = [
                    "file": .string(spec.file), "name": .string(spec.name), "points": .integer(spec.plan.points.count),
                    "trials_per_point": .integer(spec.plan.trialsPerPoint), "trials": .integer(spec.plan.trialCount),
                    "varying": .object(Dictionary(uniqueKeysWithValues: spec.plan.varying.map {
                        ($0, JSONValue.array(spec.plan.values(of: $0).map(\.json)))
                    })),
                    "cached": .integer(cached), "stale": .integer(stale), "jobs": .integer(jobs),
                    "estimated_seconds": .number(estimate.wallSeconds),
                    "estimated_cpu_seconds": .number(estimate.totalSeconds),
                    "estimated_remaining_seconds": .number(estimate.wallSeconds * remainingFraction),
                    "max_seconds_per_trial": .number(estimate.maxSecondsPerTrial),
                    "profile": spec.profile.map(JSONValue.string) ?? .null,
                    "warnings": .array(spec.warnings.map { .string($0.description) }),
                ]
                if let calibration {
                    object["calibration"] = .object(["point": .string(calibration.point.key),
                                                     "seconds": .number(calibration.seconds)])
                }
                reports.append(.object(object))
            } else {
                var lines = ["\(spec.file): \(spec.name)" + (spec.profile.map { " (profile \($0))" } ?? "")]
                lines.append("  plan: \(spec.plan.summary)")
                var stored = "  stored: \(cached) of \(spec.plan.trialCount) trials cached in \(directory.path)"
                if stale > 0 { stored += "; \(stale) from another solver version (will be recomputed)" }
                lines.append(stored)
                if let calibration {
                    lines.append("  calibration: one trial at (\(calibration.point.key)) took "
                        + String(format: "%.3f s", calibration.seconds))
                }
                lines.append("  estimate: \(estimate) on \(jobs) job\(jobs == 1 ? "" : "s")"
                    + (cached > 0 ? "; \(CostEstimate.format(seconds: estimate.wallSeconds * remainingFraction)) for the trials not yet stored" : ""))
                print(lines.joined(separator: "\n"))
            }
        }
        if json { print(JSONValue.array(reports).prettyText) }
    }
}
