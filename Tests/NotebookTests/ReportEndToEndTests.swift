import Foundation
import Notebook
import Testing

/// The whole report from a tiny synthetic store.
@Suite struct ReportEndToEndTests {
    func store(_ yaml: String = ReportFixture.samplesYAML, runs: Bool = true) throws -> (ExperimentSpec, URL) {
        let spec = try ReportFixture.spec(yaml)
        let output = ReportFixture.temporaryFolder()
        try ReportFixture.store(ReportFixture.records(spec, ReportFixture.samplesOutcome), output: output, name: spec.name,
                                runs: runs ? [ReportFixture.run(computed: 100), ReportFixture.run(computed: 20, cached: 140)] : [])
        return (spec, output)
    }

    @Test func reportHasClaimsChartsProvenanceAndCommand() throws {
        let (spec, output) = try store()
        let report = try ReportBuilder.build(spec: spec, output: output, options: ReportOptions(formats: [.svg], resamples: 200))
        let text = try String(contentsOf: report.reportFile, encoding: .utf8)
        // Claims table first, before the figures.
        let claims = try #require(text.range(of: "## Claims"))
        let figures = try #require(text.range(of: "## Figures"))
        #expect(claims.lowerBound < figures.lowerBound)
        #expect(text.contains("| **PASS** | `error-decays` (power_law) | The error decays like n^(-1/2). |"))
        #expect(report.claims.count == 3 && !report.hasFailedClaim)
        // Images, links, captions.
        #expect(text.contains("![Recovery error against n](figures/error-vs-samples.svg)"))
        #expect(text.contains("[data](figures/error-vs-samples.dat)"))
        #expect(text.contains("[gnuplot script](figures/error-vs-samples.gp)"))
        #expect(text.contains("8 trials per point (160 in all)"))
        #expect(!text.contains("[PNG]"))
        // Tables, fits, provenance, command.
        #expect(text.contains("## Summary per point"))
        #expect(text.contains("| patches | activation | samples | dimension | trials | failed | success rate |"))
        #expect(text.contains("## Fitted laws"))
        #expect(text.contains("## Sample threshold n*"))
        #expect(text.contains("## Provenance"))
        #expect(text.contains("| git_commit | `abc1234` |") && text.contains("| git_dirty | `true` |"))
        #expect(text.contains("| openblas_core | `HASWELL` |") && text.contains("| command_line | `convrec run experiments/test.yaml` |"))
        #expect(text.contains("Over 2 recorded runs: 120 trials computed, 140 reused from the cache, 0 failed."))
        #expect(text.contains("Master seed 7"))
        #expect(text.contains("## Regenerate\n\n```sh\nconvrec report experiments/test.yaml --output \(output.relativePath) --formats svg\n```"))
        // Files beside it.
        let folder = report.directory
        let csv = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("patches,activation,samples,dimension,point,trials,failed,successes,success_rate,success_lower,success_upper,error_count,error_median"))
        #expect(csv.split(separator: "\n").count == 21)
        let macros = try String(contentsOf: folder.appendingPathComponent("macros.tex"), encoding: .utf8)
        #expect(macros.contains("\\newcommand{\\SamplesErrorDecaysVerdict}{PASS}"))
        #expect(macros.contains("\\newcommand{\\SamplesErrorDecaysValue}{\\ensuremath{"))
        #expect(macros.contains("\\newcommand{\\SamplesErrorVsSamplesC}{"))
        #expect(macros.contains("\\newcommand{\\SamplesNStarActivationReluDimensionEight}{"))
        for line in macros.split(separator: "\n") where line.hasPrefix("\\newcommand") {
            let name = line.dropFirst("\\newcommand{\\".count).prefix { $0 != "}" }
            #expect(name.allSatisfy { $0.isLetter }, "\(name)")
        }
        let table = try String(contentsOf: folder.appendingPathComponent("claims.tex"), encoding: .utf8)
        #expect(table.contains("\\toprule") && table.contains("\\midrule") && table.contains("\\bottomrule"))
        #expect(table.contains("\\texttt{error-decays} & power\\_law"))
        for file in ["error-vs-samples.dat", "error-vs-samples.gp", "recovery-heatmap.gp", "n-star.dat"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/\(file)").path), "\(file)")
        }
    }

    @Test func reportsAreDeterministic() throws {
        let (spec, output) = try store()
        let options = ReportOptions(formats: [], resamples: 100)
        let first = try String(contentsOf: ReportBuilder.build(spec: spec, output: output, options: options).reportFile, encoding: .utf8)
        let second = try String(contentsOf: ReportBuilder.build(spec: spec, output: output, options: options).reportFile, encoding: .utf8)
        #expect(first == second)
        #expect(!first.contains("!["))   // no images asked for: none embedded
        #expect(first.contains("[data](figures/error-vs-samples.dat) · [gnuplot script](figures/error-vs-samples.gp)"))
    }

    @Test func failingClaimIsReported() throws {
        let yaml = ReportFixture.samplesYAML + """

              - id: too-fast
                statement: The error decays like 1/n.
                check: { kind: power_law, x: samples, y: error, exponent: [-1.1, -0.9] }
            """
        let (spec, output) = try store(yaml)
        let report = try ReportBuilder.build(spec: spec, output: output, options: ReportOptions(formats: [], resamples: 100))
        #expect(report.hasFailedClaim)
        #expect(report.count(.fail) == 1 && report.count(.pass) == 3)
        let text = try String(contentsOf: report.reportFile, encoding: .utf8)
        #expect(text.contains("| **FAIL** | `too-fast` (power_law)"))
    }

    @Test func noResultsIsBadInput() throws {
        let spec = try ReportFixture.spec(ReportFixture.samplesYAML)
        let output = ReportFixture.temporaryFolder()
        let error = try #require(throws: ReportError.self) { try ReportBuilder.build(spec: spec, output: output) }
        #expect(error.isBadInput)
        #expect(error.message.contains(output.appendingPathComponent("samples").path))
        #expect(error.message.contains("run `convrec run experiments/test.yaml` first"))
    }

    @Test func missingGnuplotStillWritesDataAndScripts() throws {
        let (spec, output) = try store(runs: false)
        let report = try ReportBuilder.build(spec: spec, output: output,
                                             options: ReportOptions(resamples: 50, gnuplot: "/nonexistent/gnuplot"))
        let problem = try #require(report.renderProblem)
        #expect(problem.contains("apt-get install --no-install-recommends gnuplot-nox"))
        let figures = report.directory.appendingPathComponent("figures")
        #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("error-vs-samples.gp").path))
        #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("error-vs-samples.dat").path))
        #expect(!FileManager.default.fileExists(atPath: figures.appendingPathComponent("error-vs-samples.svg").path))
        let text = try String(contentsOf: report.reportFile, encoding: .utf8)
        #expect(text.contains("**Charts were not rendered:**"))
        #expect(text.contains("No run record (runs.jsonl) was found"))
    }

    @Test func indexLinksReportsWithOneClaimsTable() throws {
        let (spec, output) = try store()
        let samples = try ReportBuilder.build(spec: spec, output: output, options: ReportOptions(formats: [], resamples: 50))
        let convergence = try ReportFixture.spec(ChartTests.convergenceYAML)
        try ReportFixture.store(ReportFixture.records(convergence, ChartTests.convergenceOutcome), output: output, name: convergence.name)
        let second = try ReportBuilder.build(spec: convergence, output: output, options: ReportOptions(formats: [], resamples: 50))
        let url = try IndexReport.write(reports: [samples, second], output: output)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(url.lastPathComponent == "index.md")
        #expect(text.contains("[samples](samples/report.md)"))
        #expect(text.contains("[convergence](convergence/report.md)"))
        #expect(text.contains("4 of 5 claims passed, 1 failed"))
        #expect(text.components(separatedBy: "| **").count - 1 == 5)   // one claims table, five rows
        #expect(text.contains("| **FAIL** | [convergence](convergence/report.md) | `random-linear` |"))
    }
}
