import ConvRecovery
import Foundation
import Notebook
import Testing

@Suite struct ProvenanceTests {
    @Test func everyRunAppendsItsProvenanceAndSnapshotsThePlan() throws {
        let output = runnerTemporaryDirectory("provenance")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try Runner.run(specs: [tinySpec(trials: 1)], options: quietOptions(output))
        _ = try Runner.run(specs: [tinySpec(trials: 2)], options: quietOptions(output))
        let directory = output.appendingPathComponent("tiny")
        let lines = try String(contentsOf: directory.appendingPathComponent("runs.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 2)
        let run = try JSONValue(parsing: String(lines[1]))
        for key in ["tool_version", "solver_version", "git_commit", "git_dirty", "swift_version", "os", "cpu", "cores",
                    "openblas_core", "command_line", "profile", "jobs", "started", "ended", "trials_total",
                    "trials_computed", "trials_cached", "trials_failed"] {
            #expect(run[key] != nil, "missing \(key)")
        }
        #expect(run["solver_version"] == .string(ConvRecoveryVersion.solver))
        #expect(run["tool_version"] == .string(ConvRecoveryVersion.tool))
        #expect(run["trials_total"] == .integer(4))
        #expect(run["trials_computed"] == .integer(2))
        #expect(run["trials_cached"] == .integer(2))
        #expect(run["trials_failed"] == .integer(0))
        #expect(run["jobs"] == .integer(2))
        #expect(run["command_line"] == .array([.string("test")]))
        #expect(run["swift_version"]?.stringValue?.isEmpty == false)
        #expect(run["openblas_core"]?.stringValue?.isEmpty == false)
        #expect(run["started"]?.stringValue?.hasSuffix("Z") == true)
        #expect((run["cores"]?.intValue ?? 0) >= 1)

        let snapshot = try JSONValue(parsing: String(contentsOf: directory.appendingPathComponent("experiment.json"),
                                                     encoding: .utf8))
        #expect(snapshot["name"] == .string("tiny"))
        #expect(snapshot["trials"] == .integer(2))
        #expect(snapshot["varying"] == .array([.string("activation")]))
        #expect(snapshot["points"]?.arrayValue?.count == 2)
        #expect(snapshot["seed"] == .string("7"))
    }

    @Test func gitStateIsReadFromACheckoutOnly() {
        let state = Provenance.gitState()
        if let state { #expect(state.commit.count == 40) }
        #expect(!Provenance.operatingSystem.isEmpty)
        #expect(!Provenance.cpuModel.isEmpty)
        #expect(Provenance.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    /// A checkout whose only change is in the results folder is clean for
    /// a run writing there, and dirty for anything else; a change to a
    /// tracked source file is dirty either way.
    @Test func resultsFolderInsideTheCheckoutDoesNotMakeItDirty() throws {
        let repository = runnerTemporaryDirectory("provenance-git")
        defer { try? FileManager.default.removeItem(at: repository) }
        let output = repository.appendingPathComponent("output/reference")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "code".write(to: repository.appendingPathComponent("solver.swift"), atomically: true, encoding: .utf8)
        try "old".write(to: output.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        for arguments in [["init", "-q"], ["add", "."],
                          ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fixture"]] {
            guard Self.git(arguments, in: repository) else { return }  // no git on this machine
        }
        #expect(Provenance.gitState(in: repository)?.dirty == false)

        try "new".write(to: output.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        #expect(Provenance.gitState(in: repository)?.dirty == true)
        #expect(Provenance.gitState(in: repository, excluding: output)?.dirty == false)
        #expect(Provenance.gitState(in: repository, excluding: repository.appendingPathComponent("output"))?.dirty == false)
        // A folder outside the checkout changes nothing (and is not an error).
        #expect(Provenance.gitState(in: repository, excluding: URL(fileURLWithPath: "/tmp"))?.dirty == true)

        try "changed".write(to: repository.appendingPathComponent("solver.swift"), atomically: true, encoding: .utf8)
        let state = Provenance.gitState(in: repository, excluding: output)
        #expect(state?.dirty == true)
        #expect(state?.commit.count == 40)
    }

    static func git(_ arguments: [String], in directory: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
