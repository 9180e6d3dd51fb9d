import ConvRecovery
import Foundation
import Notebook
import Testing

/// Synthetic stores for the diff tests: an experiment file on disk (so the
/// diff finds its claims and charts through experiment.json) and records
/// written as the runner writes them.
enum DiffFixture {
    static let yaml = """
        name: diffexp
        seed: 5
        trials: 10
        model: { patch_size: 4, kernels: 2 }
        sweep:
          patches: [2, 4]
          samples: [100, 400, 1600]
        charts:
          - id: error-vs-samples
            x: samples
            y: error
            series: patches
            log_x: true
            log_y: true
          - id: success-vs-samples
            x: samples
            y: success_rate
        claims:
          - id: small-error
            statement: Errors are at most 0.06.
            check: { kind: at_most, y: error, value: 0.06 }

        """

    /// The experiment file in a fresh folder, loaded.
    static func spec(_ text: String = yaml) throws -> ExperimentSpec {
        let folder = ReportFixture.temporaryFolder("diff-spec")
        let file = folder.appendingPathComponent("diffexp.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try ExperimentSpec.load(path: file.path)
    }

    /// error = 0.5 n^(-1/2) e^(0.1 z) × scale, success when error < 0.03,
    /// time_total = time × (1 + 0.01 × trial).
    static func records(_ spec: ExperimentSpec, scale: Double = 1, time: Double = 0.2) -> [TrialRecord] {
        ReportFixture.records(spec) { point, _, stream in
            let error = scale * 0.5 / point.real("samples").squareRoot() * exp(0.1 * stream.nextGaussian())
            return ReportFixture.Outcome(error: error, success: error < 0.03, iterations: 40)
        }.map { r in
            var r = r
            let t = time * (1 + 0.01 * Double(r.trial))
            r.timings = TrialResult.Timings(data: 0.1 * t, initialisation: 0.2 * t, descent: 0.7 * t, total: t)
            return r
        }
    }

    /// `<root>/<name>/` with results.jsonl, experiment.json and runs.jsonl; returns root.
    static func store(_ spec: ExperimentSpec, _ records: [TrialRecord], commit: String = "abc1234",
                      root: URL = ReportFixture.temporaryFolder("diff-store")) throws -> URL {
        var run = ReportFixture.run(computed: records.count).objectValue!
        run["git_commit"] = .string(commit)
        run["git_dirty"] = .bool(false)
        try ReportFixture.store(records, output: root, name: spec.name, runs: [.object(run)])
        try ExperimentSnapshot.write(spec, in: root.appendingPathComponent(spec.name))
        return root
    }

    static func options(formats: [ImageFormat] = []) -> DiffOptions {
        DiffOptions(formats: formats, gnuplot: "/nonexistent/gnuplot", resamples: 100)
    }
}

@Suite struct DiffTests {
    @Test func storeAgainstItselfIsIdentical() throws {
        let spec = try DiffFixture.spec()
        let root = try DiffFixture.store(spec, DiffFixture.records(spec))
        let diff = try ResultDiff.compare(baseline: root, candidate: root, options: DiffFixture.options())
        #expect(diff.isIdentical && diff.verdict == "identical" && diff.exitStatus == 0)
        #expect(diff.cells.count == 6 * 7)
        #expect(diff.cells.allSatisfy { $0.status == .identical })
        #expect(diff.experiments[0].identicalTrials == 60 && diff.experiments[0].pairedTrials == 60)
        #expect(diff.summaryLine.hasPrefix("identical"))
        let out = try diff.write(to: ReportFixture.temporaryFolder("diff-out"), command: "convrec diff a b")
        let md = try String(contentsOf: out.markdown, encoding: .utf8)
        #expect(md.contains("**Identical: every one of the 60 trials is bit-identical"))
        // Summary first: the counts come before any experiment section.
        let counts = try #require(md.range(of: "| regressions | 0 |")), section = try #require(md.range(of: "## diffexp"))
        #expect(counts.lowerBound < section.lowerBound)
    }

    @Test func worseErrorsAreARegression() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, scale: 1.5), commit: "def5678")
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options())
        #expect(diff.exitStatus == 1 && diff.verdict == "regression")
        let errors = diff.cells.filter { $0.metric.name == "error" }
        #expect(errors.count == 6 && errors.allSatisfy { $0.status == .regression && $0.isGatedRegression })
        #expect(errors.allSatisfy { abs($0.ratio - 1.5) < 1e-9 && $0.q <= 0.05 && $0.test == "mann-whitney" })
        // Success drops at n = 400 (errors 0.025 → 0.0375 cross the 0.03 threshold): Fisher flags it.
        let success = diff.cells.filter { $0.metric.name == "success_rate" && $0.point.contains("samples=400") }
        #expect(success.count == 2 && success.allSatisfy { $0.status == .regression && $0.test == "fisher" })
        // Timings were not changed: identical values, so identical cells.
        #expect(diff.cells.filter { $0.metric.name == "time_total" }.allSatisfy { $0.status == .identical })
        // The claim passes on the baseline and fails on the candidate.
        let claim = try #require(diff.experiments[0].claims.first)
        #expect(claim.baseline.verdict == .pass && claim.candidate.verdict == .fail && claim.changed)
    }

    @Test func fasterOnlyIsAnUngatedImprovement() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, time: 0.1))
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options())
        #expect(diff.exitStatus == 0 && diff.verdict == "no regression" && !diff.isIdentical)
        let times = diff.cells.filter { $0.metric.name == "time_total" }
        #expect(times.count == 6 && times.allSatisfy { $0.status == .improvement && !$0.metric.gated })
        #expect(diff.cells.filter { $0.metric.name != "time_total" }.allSatisfy { $0.status == .identical })
        // Same numbers, other timings: every trial is still bit-identical.
        #expect(diff.experiments[0].identicalTrials == 60)

        // Slower only: a regression in time, reported but not gated …
        let slow = try ResultDiff.compare(baseline: cand, candidate: base, options: DiffFixture.options())
        #expect(slow.count(.regression) == 6 && slow.gatedRegressions.isEmpty && slow.exitStatus == 0)
        // … unless asked for with --gate.
        var gated = DiffFixture.options()
        try gated.gate(["error", "success_rate", "time_total"])
        #expect(try ResultDiff.compare(baseline: cand, candidate: base, options: gated).exitStatus == 1)
    }

    @Test func smallNoisyChangeIsUnchangedOrInconclusiveNeverFlagged() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, scale: 1.01))
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options())
        let errors = diff.cells.filter { $0.metric.name == "error" }
        // 1% is inside the 10% tolerance: never a regression; TOST shows most equivalent.
        #expect(errors.allSatisfy { $0.status == .unchanged || $0.status == .inconclusive })
        #expect(errors.contains { $0.status == .unchanged })
        #expect(diff.exitStatus == 0)
        // A tolerance tighter than the change flags it (significant: the shift is exact).
        var tight = DiffFixture.options()
        try tight.setTolerance("error=0.5%")
        let strict = try ResultDiff.compare(baseline: base, candidate: cand, options: tight)
        #expect(strict.cells.filter { $0.metric.name == "error" }.allSatisfy { $0.status != .unchanged })
    }

    @Test func oneSidedPointsAreListed() throws {
        let spec = try DiffFixture.spec()
        let other = try DiffFixture.spec(DiffFixture.yaml.replacingOccurrences(of: "[100, 400, 1600]", with: "[100, 400, 3200]"))
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(other, DiffFixture.records(other))
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options())
        let e = try #require(diff.experiments.first)
        #expect(e.points.count == 4)
        #expect(e.onlyBaseline.count == 2 && e.onlyBaseline.allSatisfy { $0.contains("samples=1600") })
        #expect(e.onlyCandidate.count == 2 && e.onlyCandidate.allSatisfy { $0.contains("samples=3200") })
        #expect(!diff.isIdentical && diff.exitStatus == 0)
        let out = try diff.write(to: ReportFixture.temporaryFolder("diff-out"), command: "convrec diff a b")
        let md = try String(contentsOf: out.markdown, encoding: .utf8)
        #expect(md.contains("Points only in the baseline: `dimension=8, patches=2, samples=1600`"))
        #expect(md.contains("Points only in the candidate:"))
    }

    @Test func badInputsAreReported() throws {
        let spec = try DiffFixture.spec()
        let good = try DiffFixture.store(spec, DiffFixture.records(spec))
        func error(_ base: URL, _ cand: URL) throws -> DiffError {
            try #require(throws: DiffError.self) { try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options()) }
        }
        let missing = good.appendingPathComponent("no-such-folder")
        var e = try error(missing, good)
        #expect(e.isBadInput && e.message.contains("no-such-folder") && e.message.contains("is not a folder"))
        let empty = ReportFixture.temporaryFolder("diff-empty")
        e = try error(good, empty)
        #expect(e.isBadInput && e.message.contains("no results"))
        // Another experiment only: nothing in common.
        let renamed = try DiffFixture.spec(DiffFixture.yaml.replacingOccurrences(of: "name: diffexp", with: "name: other"))
        let otherStore = try DiffFixture.store(renamed, DiffFixture.records(renamed))
        e = try error(good, otherStore)
        #expect(e.isBadInput && e.message.contains("no experiment in common") && e.message.contains("other"))
        // Unreadable results.
        let garbage = ReportFixture.temporaryFolder("diff-garbage").appendingPathComponent("diffexp")
        try FileManager.default.createDirectory(at: garbage, withIntermediateDirectories: true)
        try "not json\n{\"key\": 1}\n".write(to: garbage.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        e = try error(good, garbage.deletingLastPathComponent())
        #expect(e.isBadInput && e.message.contains("no readable trial record"))
        // Same experiment, no point in common.
        let disjoint = try DiffFixture.spec(DiffFixture.yaml.replacingOccurrences(of: "[100, 400, 1600]", with: "[50, 60]"))
        e = try error(good, try DiffFixture.store(disjoint, DiffFixture.records(disjoint)))
        #expect(e.isBadInput && e.message.contains("no parameter point in common"))
        // Options.
        var options = DiffOptions()
        #expect(throws: DiffError.self) { try options.setTolerance("speed=0.1") }
        #expect(throws: DiffError.self) { try options.setTolerance("success_rate=2") }
        #expect(throws: DiffError.self) { try options.gate(["nonsense"]) }
    }

    @Test func aTrialStoredTwiceCountsOnceLastWins() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        // An older solver's records (other keys, worse errors) first in the file, then the current ones.
        let old = DiffFixture.records(spec, scale: 3).map { r in
            var r = r
            r.key = "old|" + r.key
            r.solverVersion = "solver-0"
            return r
        }
        let cand = try DiffFixture.store(spec, old + DiffFixture.records(spec))
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options())
        #expect(diff.isIdentical && diff.experiments[0].candidateTrials == 60)
    }

    @Test func singleExperimentFoldersCompare() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, scale: 1.5))
        let diff = try ResultDiff.compare(baseline: base.appendingPathComponent("diffexp"),
                                          candidate: cand.appendingPathComponent("diffexp"), options: DiffFixture.options())
        #expect(diff.baseline.isSingleExperiment && diff.exitStatus == 1)
        // An output folder against one experiment folder matches by name.
        #expect(try ResultDiff.compare(baseline: base, candidate: cand.appendingPathComponent("diffexp"),
                                       options: DiffFixture.options()).exitStatus == 1)
    }

    @Test func jsonHasTheDocumentedStructure() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, scale: 1.5), commit: "def5678")
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options())
        let out = try diff.write(to: ReportFixture.temporaryFolder("diff-out"), command: "convrec diff a b")
        let json = try JSONValue(parsing: String(contentsOf: out.json, encoding: .utf8))
        #expect(json["verdict"] == .string("regression") && json["exit_status"] == .integer(1))
        #expect(json["alpha"]?.doubleValue == 0.05)
        #expect(json["baseline"]?["label"] == .string("\(ConvRecoveryVersion.solver), abc1234"))
        #expect(json["candidate"]?["label"] == .string("\(ConvRecoveryVersion.solver), def5678"))
        let summary = try #require(json["summary"])
        for key in ["regression", "improvement", "unchanged", "identical", "inconclusive", "cells", "gated_regressions"] {
            #expect(summary[key]?.intValue != nil, "summary.\(key)")
        }
        #expect(summary["regression"]?.intValue == diff.count(.regression))
        let metrics = try #require(json["metrics"]?.arrayValue)
        #expect(metrics.contains { $0["name"] == .string("time_total") && $0["gated"] == .bool(false) && $0["tolerance"]?.doubleValue == 0.25 })
        let experiment = try #require(json["experiments"]?.arrayValue?.first)
        #expect(experiment["name"] == .string("diffexp") && experiment["paired_trials"] == .integer(60))
        let cell = try #require(experiment["cells"]?.arrayValue?.first { $0["metric"] == .string("error") })
        for key in ["point", "test", "baseline", "candidate", "baseline_n", "candidate_n", "difference", "ratio", "p", "q",
                    "equivalence_p", "status", "gated"] {
            #expect(cell[key] != nil, "cell.\(key)")
        }
        #expect(cell["status"] == .string("regression"))
        let claim = try #require(experiment["claims"]?.arrayValue?.first)
        #expect(claim["id"] == .string("small-error") && claim["baseline"] == .string("PASS")
                && claim["candidate"] == .string("FAIL") && claim["changed"] == .bool(true))
        // The claims table flags the change.
        let md = try String(contentsOf: out.markdown, encoding: .utf8)
        #expect(md.contains("| `small-error` Errors are at most 0.06. | PASS:"))
        #expect(md.contains("| FAIL:") && md.contains("**changed**"))
        #expect(md.contains("| git_commit | abc1234 | def5678 (differs) |"))
    }

    @Test func overlayScriptsNameBothVersions() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, scale: 1.5), commit: "def5678")
        let diff = try ResultDiff.compare(baseline: base, candidate: cand, options: DiffFixture.options(formats: [.svg]))
        let folder = ReportFixture.temporaryFolder("diff-out")
        let out = try diff.write(to: folder, command: "convrec diff a b")
        #expect(out.renderProblem?.contains("not found") == true)  // no gnuplot at that path; scripts still written
        #expect(out.scripts.map(\.lastPathComponent) == ["diffexp-error-vs-samples.gp", "diffexp-success-vs-samples.gp", "diffexp-ratios.gp"])
        let script = try String(contentsOf: folder.appendingPathComponent("figures/diffexp-error-vs-samples.gp"), encoding: .utf8)
        #expect(script.contains("title \"baseline (\(ConvRecoveryVersion.solver), abc1234): 2\""))
        #expect(script.contains("title \"candidate (\(ConvRecoveryVersion.solver), def5678): 4\""))
        #expect(script.contains("'diffexp-error-vs-samples.baseline.dat' index 0")
                && script.contains("'diffexp-error-vs-samples.candidate.dat' index 1"))
        #expect(script.contains("dashtype 1") && script.contains("dashtype 2"))
        #expect(script.contains("set output 'diffexp-error-vs-samples.svg'"))
        let ratios = try String(contentsOf: folder.appendingPathComponent("figures/diffexp-ratios.dat"), encoding: .utf8)
        #expect(ratios.contains("# columns: position \"point\" error max_column_error init_error final_loss iterations time_total"))
        #expect(ratios.contains("0 \"8/2/100\" 1.5 "))
        let ratioScript = try String(contentsOf: folder.appendingPathComponent("figures/diffexp-ratios.gp"), encoding: .utf8)
        #expect(ratioScript.contains("set xlabel \"dimension / patches / samples\""))
    }

    @Test(.enabled(if: Gnuplot.locate() != nil)) func rendersImagesWithGnuplot() throws {
        let spec = try DiffFixture.spec()
        let base = try DiffFixture.store(spec, DiffFixture.records(spec))
        let cand = try DiffFixture.store(spec, DiffFixture.records(spec, scale: 1.5))
        var options = DiffFixture.options(formats: [.svg])
        options.gnuplot = "gnuplot"
        let folder = ReportFixture.temporaryFolder("diff-out")
        let out = try ResultDiff.compare(baseline: base, candidate: cand, options: options).write(to: folder, command: "x")
        #expect(out.renderProblem == nil)
        for name in ["diffexp-error-vs-samples", "diffexp-success-vs-samples", "diffexp-ratios"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/\(name).svg").path), "\(name).svg")
        }
    }
}
