import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func printsThePlanCostAndCachedCount() throws {
        let directory = CLI.temporaryDirectory("check")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write(tinyExperiment, to: "tiny.yaml", in: directory)
        let before = try CLI.run(["check", "tiny.yaml"], in: directory)
        #expect(before.status == 0)
        #expect(before.stdout.contains("4 points × 3 trials = 12 trials; varying: activation (relu, squared-relu), kappa (1.5, 3.0)"))
        #expect(before.stdout.contains("stored: 0 of 12 trials cached"))
        #expect(before.stdout.contains("estimate: "))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("output").path))

        #expect(try CLI.run(["run", "tiny.yaml", "--set", "trials=2"], in: directory).status == 0)
        let after = try CLI.run(["check", "tiny.yaml", "--json", "--calibrate"], in: directory)
        #expect(after.status == 0)
        let reports = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as! [[String: Any]]
        #expect(reports.count == 1)
        #expect(reports[0]["name"] as? String == "tiny")
        #expect(reports[0]["points"] as? Int == 4)
        #expect(reports[0]["trials"] as? Int == 12)
        #expect(reports[0]["cached"] as? Int == 8)
        #expect((reports[0]["varying"] as? [String: Any])?.keys.sorted() == ["activation", "kappa"])
        #expect((reports[0]["estimated_seconds"] as? Double ?? -1) >= 0)
        #expect(reports[0]["calibration"] != nil)
    }

    @Test func reportsEveryErrorOfEveryFileAndExitsTwo() throws {
        let directory = CLI.temporaryDirectory("check-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.write("name: one\nmodel:\n  kernls: 2\n", to: "one.yaml", in: directory)
        try CLI.write("name: two\ntrials: 0\nsolver:\n  max_iterations: -5\n", to: "two.yaml", in: directory)
        let result = try CLI.run(["check", "one.yaml", "two.yaml"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("one.yaml:3:3"))
        #expect(result.stderr.contains("kernels"))
        #expect(result.stderr.contains("two.yaml:2"))
        #expect(result.stderr.contains("two.yaml:4"))
        #expect(result.stdout.isEmpty)

        try CLI.write("name: refused\nmodel: { samples: 1000 }\nsolver: { resample: true }\n", to: "r.yaml", in: directory)
        let refused = try CLI.run(["check", "r.yaml"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("resample"))
    }
}
