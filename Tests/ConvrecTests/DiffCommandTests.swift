import Foundation
import Testing

/// `convrec diff` run as a subprocess: exit codes, stdout and messages.
@Suite struct DiffCommandTests {
    /// `<root>/cli/results.jsonl`: two points × 10 trials, errors scaled by
    /// `scale`, times by `time`.
    func store(scale: Double = 1, time: Double = 0.2, name: String = "cli") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convrec-diffcli-\(UUID().uuidString)")
        let folder = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines: [String] = []
        for samples in [100, 1000] {
            for trial in 0..<10 {
                let error = scale * 0.5 / Double(samples).squareRoot() * (1 + 0.05 * sin(Double(trial + samples)))
                let t = time * (1 + 0.01 * Double(trial))
                let point = "samples=\(samples)"
                lines.append("""
                    {"experiment":"\(name)","history":[],"key":"solver-1|\(point)#\(trial)","metrics":{"error":\(error),"success":\(error < 0.03)},\
                    "parameters":{"patches":2,"samples":\(samples),"seed":\(trial + 1)},"point":"\(point)","seed":"\(trial + 1)",\
                    "solver_version":"solver-1","status":"ok","timings":{"data":0,"descent":\(t),"init":0,"total":\(t)},"trial":\(trial)}
                    """)
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        return root
    }

    func convrec(_ arguments: [String]) throws -> ConvrecBinary.Output {
        try #require(ConvrecBinary.url != nil, "convrec is not built")
        return try ConvrecBinary.run(["diff"] + arguments)
    }

    @Test func identicalStoresExitZero() throws {
        let root = try store()
        let run = try convrec([root.path, root.path, "--formats", ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("diff/diff.md"))
        #expect(run.stderr.contains("convrec diff: identical: every one of the 20 trials is bit-identical"))
        // Default output: <CANDIDATE>/diff.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("diff/diff.json").path))
        // Diffing again ignores the diff folder now inside the candidate.
        #expect(try convrec([root.path, root.path, "--formats", ""]).status == 0)
    }

    @Test func worseErrorsExitOne() throws {
        let base = try store(), cand = try store(scale: 1.5)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("convrec-diffcli-out-\(UUID().uuidString)")
        let run = try convrec([base.path, cand.path, "--output", out.path, "--formats", ""])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("REGRESSION error at samples=100"))
        let md = try String(contentsOf: out.appendingPathComponent("diff.md"), encoding: .utf8)
        #expect(md.contains("**Regression: "))
        // A looser tolerance than the change: no regression flagged.
        #expect(try convrec([base.path, cand.path, "--output", out.path, "--formats", "", "--tolerance", "error=60%"]).status == 0)
    }

    @Test func fasterOnlyExitsZeroAndGateTimeFailsSlower() throws {
        let base = try store(), fast = try store(time: 0.1)
        let run = try convrec([base.path, fast.path, "--formats", "", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"verdict\": \"no regression\""))
        #expect(run.stdout.contains("\"improvement\": 2"))
        #expect(try convrec([fast.path, base.path, "--formats", ""]).status == 0)
        #expect(try convrec([fast.path, base.path, "--formats", "", "--gate", "error,time_total"]).status == 1)
    }

    @Test func badInputExitsTwo() throws {
        let root = try store()
        var run = try convrec([root.appendingPathComponent("missing").path, root.path])
        #expect(run.status == 2 && run.stderr.contains("convrec diff:") && run.stderr.contains("missing is not a folder"))
        run = try convrec([root.path, try store(name: "other").path, "--formats", ""])
        #expect(run.status == 2 && run.stderr.contains("no experiment in common"))
        run = try convrec([root.path, root.path, "--tolerance", "speed=2"])
        #expect(run.status == 2 && run.stderr.contains("--tolerance speed=2"))
        run = try convrec([root.path, root.path, "--gate", "nonsense"])
        #expect(run.status == 2 && run.stderr.contains("--gate nonsense"))
        run = try convrec([root.path, root.path, "--alpha", "2"])
        #expect(run.status == 2 && run.stderr.contains("--alpha"))
        run = try convrec([root.path])
        #expect(run.status == 2)
    }
}
