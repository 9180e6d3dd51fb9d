import ArgumentParser
import Foundation
import Notebook

/// `convrec submit --slurm`: run a sweep as a Slurm job array.
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit experiments to a Slurm cluster as a job array, plus a dependent report job.",
        discussion: """
        Task i of the array runs `convrec run FILE... --shard i/N`, writing its
        own results file in each experiment folder, so tasks never contend. When
        every task has succeeded, a job submitted with --dependency=afterok runs
        `convrec report`. Resubmitting computes only the trials still missing.
        The output folder must be on storage every node sees.

        Examples:
          convrec submit experiments/cnn-phase.yaml --slurm --shards 16 --cpus-per-task 4 --time 02:00:00
          convrec submit experiments/*.yaml --slurm --shards 8 --partition short --mem 8G \\
              --setup 'module load swift/6.1 openblas' --output /scratch/$USER/convrec
          convrec submit experiments/cnn-samples.yaml --slurm --shards 4 --dry-run
        """
    )

    @Argument(help: "Experiment files (YAML).")
    var files: [String] = []
    @Flag(help: "Submit to Slurm (the only cluster backend).")
    var slurm = false
    @Option(help: "Number of array tasks N.")
    var shards = 4
    @Option(help: "Slurm partition.")
    var partition: String?
    @Option(help: "Time limit per task, in Slurm's format (e.g. 01:30:00).")
    var time: String?
    @Option(help: "CPUs per task; each task runs that many trials at once.")
    var cpusPerTask = 1
    @Option(help: "Memory per task (e.g. 8G).")
    var mem: String?
    @Option(help: "Results folder, on storage shared by all nodes.")
    var output = "output"
    @Option(help: "Profile of the experiment files.")
    var profile: String?
    @Option(name: .customLong("set"), help: "Override a key of the files: --set solver.max_iterations=500.")
    var overrides: [String] = []
    @Option(help: "A shell line run before convrec in every job (repeatable), e.g. 'module load openblas'.")
    var setup: [String] = []
    @Flag(help: "Do not submit the dependent report job.")
    var noReport = false
    @Flag(help: "Print the batch scripts instead of submitting them.")
    var dryRun = false

    func validate() throws {
        if !slurm { throw ValidationError("--slurm: the only backend is Slurm; pass --slurm") }
    }

    func run() throws {
        // Validate the experiments here, not on the cluster.
        do {
            _ = try ExperimentSpec.loadAll(paths: files, profile: profile, overrides: overrides,
                                           profileOptional: false)
        } catch {
            throw BadInput("\(error)")
        }
        let cwd = FileManager.default.currentDirectoryPath
        let submission = SlurmSubmission(
            files: files, shards: shards, partition: partition, time: time, cpusPerTask: cpusPerTask,
            memory: mem, output: output, profile: profile, overrides: overrides, setup: setup,
            report: !noReport, executable: Self.executablePath(), workingDirectory: cwd)
        if !submission.problems.isEmpty { throw BadInput(submission.problems.joined(separator: "\n")) }
        if dryRun {
            print("# array job (sbatch " + "run.sbatch)\n" + submission.arrayScript)
            if submission.report {
                print("# report job (sbatch --dependency=afterok:<array id> report.sbatch)\n" + submission.reportScript)
            }
            return
        }
        let folder = URL(fileURLWithPath: submission.slurmDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let runScript = folder.appendingPathComponent("run-\(stamp).sbatch")
        try submission.arrayScript.write(to: runScript, atomically: true, encoding: .utf8)
        let arrayID: String
        do { arrayID = try Sbatch.submit(script: runScript.path) } catch { throw WorkFailed("\(error)") }
        print("submitted array job \(arrayID) (\(shards) tasks): \(runScript.path)")
        if submission.report {
            let reportScript = folder.appendingPathComponent("report-\(stamp).sbatch")
            try submission.reportScript.write(to: reportScript, atomically: true, encoding: .utf8)
            let reportID: String
            do {
                reportID = try Sbatch.submit(script: reportScript.path, arguments: ["--dependency=afterok:\(arrayID)"])
            } catch { throw WorkFailed("\(error)") }
            print("submitted report job \(reportID) (after array \(arrayID) succeeds): \(reportScript.path)")
        }
        print("""
        follow:   squeue -j \(arrayID)      (and sacct -j \(arrayID) where accounting is on)
        logs:     \(submission.slurmDirectory)/
        resubmit the same command to compute only the trials still missing.
        """)
    }

    /// This executable's absolute path, which the jobs run.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
