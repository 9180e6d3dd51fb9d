import Foundation
import Testing

@Suite struct SubmitCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func dryRunPrintsBothScripts() throws {
        let experiment = Self.root.appendingPathComponent("scripts/slurm/tiny.yaml").path
        let output = try ConvrecBinary.run(["submit", experiment, "--slurm", "--shards", "3", "--dry-run"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("#SBATCH --array=0-2"))
        #expect(output.stdout.contains("--shard \"${SLURM_ARRAY_TASK_ID}/3\""))
        #expect(output.stdout.contains("report job"))
    }

    @Test func badInputExitsTwo() throws {
        let experiment = Self.root.appendingPathComponent("scripts/slurm/tiny.yaml").path
        let noBackend = try ConvrecBinary.run(["submit", experiment, "--dry-run"])
        #expect(noBackend.status == 2 && noBackend.stderr.contains("--slurm"))
        let noShards = try ConvrecBinary.run(["submit", experiment, "--slurm", "--shards", "0", "--dry-run"])
        #expect(noShards.status == 2 && noShards.stderr.contains("--shards"))
        let missing = try ConvrecBinary.run(["submit", "no-such-file.yaml", "--slurm", "--dry-run"])
        #expect(missing.status == 2)
        let badShard = try ConvrecBinary.run(["run", experiment, "--shard", "3/3"])
        #expect(badShard.status == 2 && badShard.stderr.contains("--shard"))
    }
}
