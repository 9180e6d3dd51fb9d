import Foundation
import Testing

/// `convrec report` run as a subprocess: exit codes and messages.
@Suite struct ReportCommandTests {
    /// The built `convrec` beside the test bundle (same build folder).
    static var executable: URL? {
        var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders += ["release", "debug"].map { root.appendingPathComponent(".build/\($0)") }
        for folder in folders {
            var candidate = folder.appendingPathComponent("convrec")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            candidate = folder.deletingLastPathComponent().appendingPathComponent("convrec")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func convrec(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = try #require(Self.executable, "convrec is not built")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Output to files, not pipes: nothing to drain while waiting.
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent(".out-\(id)"), errURL = folder.appendingPathComponent(".err-\(id)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    static let yaml = """
        name: cli
        seed: 1
        trials: 3
        model: { patch_size: 4, patches: 2 }
        sweep:
          samples: [100, 1000]
        claims:
          - id: small-error
            statement: Errors are below 1.
            check: { kind: at_most, y: error, value: 1 }

        """

    static let failing = """
          - id: tiny-error
            statement: Errors are below 1e-6.
            check: { kind: at_most, y: error, value: 0.000001 }

        """

    /// A folder with experiments/cli.yaml and, when asked, stored results.
    func project(claims extra: String = "", results: Bool = true) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convrec-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("experiments"), withIntermediateDirectories: true)
        try (Self.yaml + extra).write(to: folder.appendingPathComponent("experiments/cli.yaml"), atomically: true, encoding: .utf8)
        guard results else { return folder }
        let store = folder.appendingPathComponent("output/cli")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        var lines: [String] = []
        for samples in [100, 1000] {
            for trial in 0..<3 {
                let point = "dimension=8,patch_size=4,patches=2,samples=\(samples)"
                lines.append("""
                    {"experiment":"cli","history":[],"key":"solver-1|\(point)#\(trial)","metrics":{"error":0.01,"success":true},\
                    "parameters":{"samples":\(samples)},"point":"\(point)","seed":"\(trial + 1)","solver_version":"solver-1",\
                    "status":"ok","timings":{"data":0.0,"descent":0.0,"init":0.0,"total":0.0},"trial":\(trial)}
                    """)
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: store.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func passingClaimsExitZero() throws {
        let folder = try project()
        let run = try convrec(["report", "experiments/cli.yaml"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("output/cli/report.md"))
        #expect(run.stderr.contains("PASS small-error"))
        let report = try String(contentsOf: folder.appendingPathComponent("output/cli/report.md"), encoding: .utf8)
        #expect(report.contains("convrec report experiments/cli.yaml"))
    }

    @Test func failingClaimExitsOne() throws {
        let folder = try project(claims: Self.failing)
        let run = try convrec(["report", "experiments/cli.yaml", "--output", "output"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("claim failed: cli/tiny-error"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("output/cli/report.md").path))
    }

    @Test func noResultsExitsTwo() throws {
        let folder = try project(results: false)
        let run = try convrec(["report", "experiments/cli.yaml"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("output/cli"))
        #expect(run.stderr.contains("run `convrec run experiments/cli.yaml` first"))
    }

    @Test func unknownFileExitsTwo() throws {
        let folder = try project(results: false)
        let run = try convrec(["report", "experiments/nope.yaml"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("experiments/nope.yaml"))
    }

    @Test func badFormatExitsTwo() throws {
        let folder = try project()
        let run = try convrec(["report", "experiments/cli.yaml", "--formats", "svg,gif"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown image format 'gif'"))
    }
}
