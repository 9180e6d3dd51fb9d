import ConvRecovery
import Foundation
import Notebook
import Testing

/// `convrec run --shard I/N` and the Slurm batch scripts (the cluster path;
/// scripts/slurm/e2e-test.sh runs it on a real single-node Slurm).
@Suite struct ShardTests {
    @Test func parsesOnlyValidShards() {
        #expect(Shard(parsing: "0/4") == Shard(index: 0, count: 4))
        #expect(Shard(parsing: "3/4") == Shard(index: 3, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", ""] { #expect(Shard(parsing: bad) == nil, "\(bad)") }
    }

    /// Every trial in exactly one shard; the LPT deal keeps the largest load
    /// within the classic 4/3 bound of the ideal (total / N, or the largest job).
    @Test func shardsPartitionThePlanAndBalanceTheCost() {
        var stream = RandomStream(seed: 11)
        let keys = (0..<200).map { "trial-\($0)" }
        let costs = keys.map { _ in 1 + 99 * stream.nextUniform() }
        for count in [1, 2, 3, 7] {
            let parts = (0..<count).map { Shard(index: $0, count: count).select(keys: keys, costs: costs) }
            #expect(parts.flatMap { $0 }.sorted() == Array(keys.indices))
            let loads = parts.map { $0.reduce(0) { $0 + costs[$1] } }
            let ideal = max(costs.reduce(0, +) / Double(count), costs.max()!)
            #expect(loads.max()! <= 4.0 / 3.0 * ideal, "N = \(count): loads \(loads)")
        }
    }

    /// The union of the shards' results is the unsharded run, bit for bit,
    /// and readers take the shard files as one store.
    @Test func shardedRunsEqualAWholeRun() throws {
        let spec = try tinySpec(trials: 3)
        let whole = runnerTemporaryDirectory("shard-whole"), sharded = runnerTemporaryDirectory("shard-parts")
        _ = try Runner.run(specs: [spec], options: quietOptions(whole))
        var computed = 0
        for i in 0..<3 {
            var options = quietOptions(sharded, jobs: 1)
            options.shard = Shard(index: i, count: 3)
            computed += try Runner.run(specs: [spec], options: options)[0].computed
        }
        #expect(computed == spec.plan.trialCount)
        let folder = sharded.appendingPathComponent("tiny")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("results.shard-") }
        #expect(files.count == 3)
        #expect(try metricsByKey(folder) == metricsByKey(whole.appendingPathComponent("tiny")))
        // A retried shard computes nothing: its trials are stored.
        var retry = quietOptions(sharded, jobs: 1)
        retry.shard = Shard(index: 1, count: 3)
        #expect(try Runner.run(specs: [spec], options: retry)[0].computed == 0)
    }

    @Test func arrayAndReportScripts() {
        let submission = SlurmSubmission(files: ["experiments/a.yaml"], shards: 3, partition: "short", time: "01:00:00",
                                         cpusPerTask: 4, memory: "8G", output: "out", profile: "quick",
                                         overrides: ["trials=2"], setup: ["module load openblas"],
                                         executable: "/opt/convrec", workingDirectory: "/home/me/repo")
        let array = submission.arrayScript
        for line in ["#SBATCH --array=0-2", "#SBATCH --cpus-per-task=4", "#SBATCH --partition=short",
                     "#SBATCH --time=01:00:00", "#SBATCH --mem=8G", "module load openblas", "cd /home/me/repo",
                     "exec /opt/convrec run /home/me/repo/experiments/a.yaml --output /home/me/repo/out --profile quick --set trials=2 --shard \"${SLURM_ARRAY_TASK_ID}/3\" --jobs \"${SLURM_CPUS_PER_TASK:-4}\""] {
            #expect(array.contains(line), "missing: \(line)\n\(array)")
        }
        let report = submission.reportScript
        #expect(report.contains("/opt/convrec report /home/me/repo/experiments/a.yaml --output /home/me/repo/out --profile quick"))
        #expect(!report.contains("--array"))
        #expect(SlurmSubmission(files: [], shards: 0, executable: "x", workingDirectory: "/").problems.count == 2)
    }
}
