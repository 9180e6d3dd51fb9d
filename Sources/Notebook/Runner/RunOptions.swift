import Foundation

/// How `Runner.run` runs a set of experiments.
public struct RunOptions: Sendable {
    /// Results go to `<output>/<name>/`.
    public var output: URL
    /// Trials run at once. With more than one, each trial runs on one
    /// thread; with one, the trial uses every core. Results are identical.
    public var jobs: Int
    /// Recompute trials that are already stored.
    public var force: Bool
    /// Progress line on stderr: nil = only when stderr is a terminal.
    public var progress: Bool?
    /// Recorded in the provenance (`convrec run …` as typed).
    public var commandLine: [String]
    /// Stop scheduling on SIGINT (Ctrl-C): in-flight trials finish, the
    /// summary is written, `RunSummary.interrupted` is set. Only a command
    /// line tool should turn this on, since it installs a signal handler.
    public var handleInterrupts: Bool
    /// Where messages ("12 stored trials are from solver-0; recomputing",
    /// the summary line) go; stderr by default.
    public var log: @Sendable (String) -> Void
    /// Run only this shard of every plan (cluster array tasks), writing to
    /// shard-specific files without taking the folder's lock.
    public var shard: Shard?

    public init(output: URL = URL(fileURLWithPath: "output"), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                force: Bool = false, progress: Bool? = nil, commandLine: [String] = CommandLine.arguments,
                handleInterrupts: Bool = false, log: @escaping @Sendable (String) -> Void = RunOptions.standardError) {
        self.output = output
        self.jobs = jobs
        self.force = force
        self.progress = progress
        self.commandLine = commandLine
        self.handleInterrupts = handleInterrupts
        self.log = log
    }

    /// Writes a line to stderr.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// What one experiment's run did.
public struct RunSummary: Sendable {
    public var experiment: String
    /// `<output>/<name>/`.
    public var directory: URL
    /// Trials in the plan.
    public var total: Int
    /// Trials computed by this run (including failed ones).
    public var computed: Int
    /// Trials found in the store and skipped.
    public var cached: Int
    /// Computed trials whose status is failed (NaN, divergence); they are
    /// stored with their reason, and are results like any other.
    public var failed: Int
    /// Stored trials of another solver version that were ignored.
    public var invalidated: Int
    /// Wall-clock seconds of this experiment's run.
    public var seconds: Double
    /// Ctrl-C stopped the run before every trial was done.
    public var interrupted: Bool

    public var json: JSONValue {
        .object(["experiment": .string(experiment), "directory": .string(directory.path), "total": .integer(total),
                 "computed": .integer(computed), "cached": .integer(cached), "failed": .integer(failed),
                 "invalidated": .integer(invalidated), "seconds": .number(seconds), "interrupted": .bool(interrupted)])
    }

    /// `samples: 60 trials, 40 computed (1 failed), 20 cached, 3.2 s (12.5 trials/s) → output/samples`.
    public var line: String {
        let rate = seconds > 0 ? String(format: "%.1f", Double(computed) / seconds) : "–"
        return "\(experiment): \(total) trials, \(computed) computed (\(failed) failed), \(cached) cached, "
            + String(format: "%.1f s", seconds) + " (\(rate) trials/s)" + (interrupted ? ", INTERRUPTED" : "")
            + " → \(directory.path)"
    }
}

/// Why a run could not start or finish.
public enum RunError: Error, CustomStringConvertible {
    /// Points the solver would refuse (bad input: exit 2). One line each.
    case invalidPoints([String])
    /// Another process holds the experiment's lock (exit 2).
    case busy(ExperimentLock.Busy)
    /// Writing results failed (exit 1).
    case store(StoreError)

    public var description: String {
        switch self {
        case .invalidPoints(let lines): lines.joined(separator: "\n")
        case .busy(let busy): busy.description
        case .store(let error): error.description
        }
    }

    /// 2 for bad input or a busy folder, 1 when the work failed.
    public var exitCode: Int32 {
        switch self {
        case .invalidPoints, .busy: 2
        case .store: 1
        }
    }
}
