import ArgumentParser
import ConvRecovery
import Foundation
import Notebook

/// `convrec run`: run experiments, cached, parallel and resumable.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the trials of experiment files; trials already stored are skipped.",
        discussion: """
        Results go to <output>/<name>/results.jsonl (one JSON record per trial,
        appended as trials finish), the run's provenance to runs.jsonl and the
        resolved plan to experiment.json. Rerunning resumes: only trials not yet
        stored are computed, so adding points or trials computes just the new
        ones. See docs/running.md.

        Examples:
          convrec run experiments/samples.yaml
          convrec run experiments/*.yaml --profile quick --jobs 2
          convrec run experiments/samples.yaml --set trials=20 --progress
          convrec run experiments/samples.yaml --force --output /tmp/fresh

        Exit status: 0 when every trial ran (trials that failed numerically are
        results and are counted, not errors), 1 when results could not be
        written, 2 for bad input (spec errors, unknown profile, bad --set or
        --jobs, points the solver refuses) or when another convrec run holds
        the experiment folder, 130 after Ctrl-C.
        """
    )

    @Argument(help: "Experiment files (YAML).")
    var files: [String]
    @Option(help: "Trials run at once (default: all cores). Results do not depend on it.")
    var jobs: Int?
    @Option(help: "Apply the named profile of each file (e.g. quick).")
    var profile: String?
    @Option(help: "Results folder; each experiment writes to <output>/<name>/.")
    var output = "output"
    @Option(name: .customLong("set"), help: "Override a key: --set solver.max_iterations=500 (repeatable).")
    var overrides: [String] = []
    @Flag(help: "Recompute trials that are already stored.")
    var force = false
    @Flag(help: "Show the progress line even when stderr is not a terminal.")
    var progress = false
    @Option(help: "Run only shard I of N (0 ≤ I < N) of every plan, into shard files: for cluster array tasks.")
    var shard: String?
    @Flag(help: "Print the run summaries (computed, cached, failed, seconds per experiment) as JSON on stdout.")
    var json = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs: must be at least 1 (got \(jobs))") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard: expected I/N with 0 ≤ I < N, e.g. --shard 0/4 (got '\(shard)')")
        }
    }

    func run() throws {
        let specs = try loadExperimentSpecs(files, profile: profile, overrides: overrides)
        var options = RunOptions(output: URL(fileURLWithPath: output), force: force,
                                 progress: progress ? true : nil, handleInterrupts: true)
        if let jobs { options.jobs = jobs }
        options.shard = shard.flatMap(Shard.init(parsing:))
        let summaries: [RunSummary]
        do {
            summaries = try Runner.run(specs: specs, options: options)
        } catch {
            FileHandle.standardError.write(Data(("convrec: " + error.description + "\n").utf8))
            throw ExitCode(error.exitCode)
        }
        // The summary lines went to stderr; stdout carries them for programs.
        if json { print(JSONValue.array(summaries.map(\.json)).prettyText) }
        if Interruption.requested { throw ExitCode(130) }
    }
}
