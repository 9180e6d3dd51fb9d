import Foundation

/// A sweep submitted to Slurm as a job array (`convrec submit --slurm`).
///
/// Slurm does the scheduling; convrec only writes the batch scripts:
/// - the array job: task i of N runs `convrec run FILES --shard i/N` (its
///   trials, balanced by estimated cost, into a shard-specific results file,
///   so tasks never contend for a file or a lock);
/// - optionally a report job with `--dependency=afterok:<array>` that runs
///   `convrec report FILES` once every task has succeeded.
/// Rerunning a submission computes only the trials no shard has stored.
public struct SlurmSubmission: Sendable {
    /// Experiment files, as given (made absolute against `workingDirectory`).
    public var files: [String]
    public var shards: Int
    public var partition: String?
    /// Slurm's time limit per task ("HH:MM:SS", "D-HH:MM", minutes…).
    public var time: String?
    public var cpusPerTask: Int
    /// Memory per task ("4G", "4000M").
    public var memory: String?
    public var output: String
    public var profile: String?
    public var overrides: [String]
    /// Lines run before convrec in every job (`module load swift`, …).
    public var setup: [String]
    /// Also submit the dependent report job.
    public var report: Bool
    /// The convrec executable the jobs run (absolute).
    public var executable: String
    public var workingDirectory: String

    public init(files: [String], shards: Int, partition: String? = nil, time: String? = nil, cpusPerTask: Int = 1,
                memory: String? = nil, output: String = "output", profile: String? = nil, overrides: [String] = [],
                setup: [String] = [], report: Bool = true, executable: String, workingDirectory: String) {
        self.files = files
        self.shards = shards
        self.partition = partition
        self.time = time
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.output = output
        self.profile = profile
        self.overrides = overrides
        self.setup = setup
        self.report = report
        self.executable = executable
        self.workingDirectory = workingDirectory
    }

    /// Problems with the options, each naming its flag.
    public var problems: [String] {
        var problems: [String] = []
        if files.isEmpty { problems.append("FILE: name at least one experiment file") }
        if shards < 1 { problems.append("--shards: must be a positive integer (got \(shards))") }
        if shards > 100_000 { problems.append("--shards: at most 100000 array tasks (got \(shards))") }
        if cpusPerTask < 1 { problems.append("--cpus-per-task: must be a positive integer (got \(cpusPerTask))") }
        return problems
    }

    /// Folder of the generated scripts and the jobs' logs.
    public var slurmDirectory: String { absolute(output) + "/slurm" }

    /// The arguments that select the experiments (files, output, profile, --set).
    var selection: [String] {
        var arguments = files.map(absolute) + ["--output", absolute(output)]
        if let profile { arguments += ["--profile", profile] }
        for override in overrides { arguments += ["--set", override] }
        return arguments
    }

    /// The array job's batch script.
    public var arrayScript: String {
        var lines = ["#!/bin/bash",
                     "#SBATCH --job-name=convrec-run",
                     "#SBATCH --array=0-\(shards - 1)",
                     "#SBATCH --cpus-per-task=\(cpusPerTask)",
                     "#SBATCH --output=\(slurmDirectory)/run-%A_%a.out"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        if let memory { lines.append("#SBATCH --mem=\(memory)") }
        lines += ["# Written by convrec submit: task i of \(shards) runs shard i/\(shards) of the plan.",
                  "set -euo pipefail",
                  "cd \(shellQuoted(workingDirectory))"]
        lines += setup
        let command = [executable, "run"] + selection
            + ["--shard", "${SLURM_ARRAY_TASK_ID}/\(shards)", "--jobs", "${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}"]
        lines.append("exec " + command.map(shellWord).joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report job's batch script (submitted with afterok on the array).
    public var reportScript: String {
        var lines = ["#!/bin/bash",
                     "#SBATCH --job-name=convrec-report",
                     "#SBATCH --cpus-per-task=1",
                     "#SBATCH --output=\(slurmDirectory)/report-%j.out"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += ["# Written by convrec submit: runs after every array task succeeded.",
                  "set -euo pipefail",
                  "cd \(shellQuoted(workingDirectory))"]
        lines += setup
        // A failed claim (exit 1) is a result, not a failed job.
        let command = [executable, "report"] + selection
        lines.append(command.map(shellWord).joined(separator: " ") + " || [ $? -eq 1 ]")
        return lines.joined(separator: "\n") + "\n"
    }

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }
}

/// Quotes a word for bash unless it is plainly safe; `${…}` expansions of
/// Slurm variables are kept in double quotes so they expand in the job.
func shellWord(_ word: String) -> String {
    if word.contains("${") { return "\"" + word.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    return shellQuoted(word)
}

func shellQuoted(_ word: String) -> String {
    let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    if !word.isEmpty && word.unicodeScalars.allSatisfy(safe.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
