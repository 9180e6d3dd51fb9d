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
}
