import ConvRecovery
import Foundation

/// Runs experiments: every trial of each plan not already stored, in
/// parallel, appended to `<output>/<name>/results.jsonl` as it finishes.
///
/// Per experiment:
/// 1. every point is checked against the solver's preconditions (all
///    experiments before any runs: a bad point is an input error);
/// 2. every experiment's folder is locked (`ExperimentLock`) before any
///    runs; then, one experiment after the other, `experiment.json` is written;
/// 3. stored records are read; a trial whose key (`TrialKey`: solver
///    version + inputs) is present is skipped unless `force`; records of
///    another solver version stay in the file but are ignored, and the run
///    says how many;
/// 4. the remaining trials run on `jobs` workers in plan order, each
///    record written with one `write(2)` when its trial ends;
/// 5. the file is fsynced and a provenance line appended to `runs.jsonl`.
///
/// A trial that fails numerically (status failed) is stored with its
/// reason and counted in `failed`; it never stops the run.
public enum Runner {
    public static let resultsFileName = "results.jsonl"
    public static let runsFileName = "runs.jsonl"

    public static func run(specs: [ExperimentSpec], options: RunOptions) throws(RunError) -> [RunSummary] {
        let invalid = specs.flatMap(invalidPoints)
        if !invalid.isEmpty { throw .invalidPoints(invalid) }
        // Lock every folder before running anything, so that a busy one
        // stops the run before any work rather than after the first files.
        var locks: [ExperimentLock] = []
        defer { for lock in locks { lock.release() } }
        // Shards write only their own files, so they need no lock (and
        // flock is unreliable on the network file systems clusters share).
        for spec in specs {
            let directory = options.output.appendingPathComponent(spec.name)
            if options.shard == nil {
                locks.append(try lock(directory))
            } else {
                do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                    throw .store(StoreError("cannot create \(directory.path): \(error.localizedDescription)"))
                }
            }
        }
        if options.handleInterrupts { Interruption.install() }
        var summaries: [RunSummary] = []
        for spec in specs {
            if options.handleInterrupts && Interruption.requested { break }
            summaries.append(try run(spec, options: options))
        }
        return summaries
    }

    /// Creates `directory` and takes its lock.
    static func lock(_ directory: URL) throws(RunError) -> ExperimentLock {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try ExperimentLock(directory: directory, displayName: directory.path)
        } catch let busy as ExperimentLock.Busy {
            throw .busy(busy)
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(StoreError("cannot create \(directory.path): \(error.localizedDescription)"))
        }
    }

    /// "file: point (key): parameter: message" for every point the solver would refuse.
    public static func invalidPoints(_ spec: ExperimentSpec) -> [String] {
        spec.plan.points.flatMap { point in
            TrialConfiguration(point: point).problems.map {
                "\(spec.file): \(spec.name): point \(point.index + 1) (\(point.key)): \($0.parameter): \($0.message)"
            }
        }
    }

    /// What the store already holds for a plan.
    public struct CacheState: Sendable {
        /// Keys of the plan's trials stored under the current solver.
        public var cachedKeys: Set<String>
        /// Stored records of other solver versions, by version.
        public var staleByVersion: [String: Int]
        public var skippedLines: [String]
    }

    /// Reads `directory` and matches its records against `spec`'s plan.
    public static func cacheState(_ spec: ExperimentSpec, directory: URL) throws -> CacheState {
        let stored = try ResultReader.records(in: directory)
        let planKeys = Set(spec.plan.trials.map { $0.key(experiment: spec.name, solverVersion: ConvRecoveryVersion.solver) })
        var cached = Set<String>()
        var stale: [String: Int] = [:]
        for record in stored.records {
            if record.solverVersion == ConvRecoveryVersion.solver {
                if planKeys.contains(record.key) { cached.insert(record.key) }
            } else if record.experiment == spec.name {
                stale[record.solverVersion, default: 0] += 1
            }
        }
        return CacheState(cachedKeys: cached, staleByVersion: stale, skippedLines: stored.skipped)
    }

    /// One experiment; the caller holds its folder's lock.
    static func run(_ spec: ExperimentSpec, options: RunOptions) throws(RunError) -> RunSummary {
        let started = Date()
        let directory = options.output.appendingPathComponent(spec.name)
        let cache: CacheState
        do {
            try ExperimentSnapshot.write(spec, in: directory)
            cache = try cacheState(spec, directory: directory)
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(StoreError("cannot read \(directory.path): \(error)"))
        }
        for line in cache.skippedLines.prefix(5) { options.log("convrec: warning: skipped \(line)") }
        let staleCount = cache.staleByVersion.values.reduce(0, +)
        if staleCount > 0 {
            let versions = cache.staleByVersion.keys.sorted().joined(separator: ", ")
            options.log("\(spec.name): \(staleCount) stored trial\(staleCount == 1 ? " is" : "s are") from \(versions); "
                + "recomputing with \(ConvRecoveryVersion.solver) (the old records stay in \(resultsFileName), ignored)")
        }

        let jobs = max(1, options.jobs)
        var planned = spec.plan.trials
        var keyed = planned.map { ($0, $0.key(experiment: spec.name, solverVersion: ConvRecoveryVersion.solver)) }
        if let shard = options.shard {
            let model = CostModel()
            let mine = shard.select(keys: keyed.map(\.1), costs: planned.map { model.secondsPerTrial($0.point) })
            keyed = mine.map { keyed[$0] }
            planned = mine.map { planned[$0] }
        }
        let todo = options.force ? keyed : keyed.filter { !cache.cachedKeys.contains($0.1) }
        let cachedCount = planned.count - todo.count

        var provenance = Provenance(commandLine: options.commandLine, profile: spec.profile, jobs: jobs, started: started,
                                    output: options.output)
        let appender: ResultAppender
        do {
            appender = try ResultAppender(url: directory.appendingPathComponent(options.shard?.resultsFileName ?? resultsFileName))
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(StoreError("\(error)"))
        }

        let showProgress = options.progress ?? (isatty(2) != 0)
        let progress = RunProgress(name: options.shard.map { "\(spec.name) [shard \($0)]" } ?? spec.name, total: planned.count, cached: cachedCount, enabled: showProgress)
        let threads = jobs == 1 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let state = WorkState(count: todo.count, handleInterrupts: options.handleInterrupts)
        let experiment = spec.name
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, todo.count))) { _ in
            while let index = state.next() {
                let (trial, key) = todo[index]
                let configuration = TrialConfiguration(point: trial.point, threads: threads)
                let result = Solver.solve(configuration.problem, options: configuration.options, seed: trial.seed)
                let record = TrialRecord(
                    key: key, experiment: experiment, point: trial.point.key, trial: trial.trial, seed: trial.seed,
                    solverVersion: ConvRecoveryVersion.solver,
                    parameters: configuration.parameters(point: trial.point, seed: trial.seed),
                    metrics: TrialFields.metrics(result), history: result.history, timings: result.timings,
                    status: result.status, reason: result.reason)
                state.store(record.json.text, failed: result.status == .failed, appender: appender)
                progress.finished(failed: result.status == .failed)
            }
        }
        progress.close()

        var firstError = state.error
        do { try appender.sync() } catch { firstError = firstError ?? (error as? StoreError) }
        appender.close()
        let ended = Date()
        provenance.ended = ended
        provenance.trialsTotal = planned.count
        provenance.trialsComputed = state.written
        provenance.trialsCached = cachedCount
        provenance.trialsFailed = state.failed
        provenance.interrupted = state.interrupted
        do {
            let runs = try ResultAppender(url: directory.appendingPathComponent(options.shard?.runsFileName ?? runsFileName))
            try runs.append(provenance.json.text)
            try runs.sync()
        } catch {
            firstError = firstError ?? (error as? StoreError)
        }
        if let firstError { throw .store(firstError) }
        let summary = RunSummary(
            experiment: spec.name, directory: directory, total: planned.count, computed: state.written,
            cached: cachedCount, failed: state.failed, invalidated: staleCount,
            seconds: ended.timeIntervalSince(started), interrupted: state.interrupted)
        options.log(summary.line)
        return summary
    }
}

/// The shared queue of one experiment's run: hands out trial indices in
/// plan order, stores records, stops on Ctrl-C or the first write error.
private final class WorkState: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let handleInterrupts: Bool
    private var nextIndex = 0
    private(set) var written = 0
    private(set) var failed = 0
    private(set) var error: StoreError?
    private(set) var interrupted = false

    init(count: Int, handleInterrupts: Bool) {
        self.count = count
        self.handleInterrupts = handleInterrupts
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if handleInterrupts && Interruption.requested {
            if nextIndex < count { interrupted = true }
            return nil
        }
        guard error == nil, nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func store(_ line: String, failed trialFailed: Bool, appender: ResultAppender) {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil else { return }
        do {
            try appender.append(line)
            written += 1
            if trialFailed { failed += 1 }
        } catch {
            self.error = error as? StoreError ?? StoreError("\(error)")
        }
    }
}
