import ArgumentParser
import Foundation
import Notebook

/// `convrec report`: analysis, charts and Markdown from stored results.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the report of experiments from their stored results: claims, charts, tables, provenance.",
        discussion: """
        Reads <output>/<name>/*.jsonl (never runs a trial) and writes
        <output>/<name>/report.md, summary.csv, macros.tex, claims.tex and
        figures/<chart>.{dat,gp,svg,png}. Each figure's .gp script re-renders it
        with `gnuplot <chart>.gp` from the figures folder. With several files an
        index.md linking the reports is written to <output>/ too.

        Exit status: 0 every claim passed or was inconclusive; 1 a claim failed
        (or gnuplot could not draw the charts); 2 bad input (an invalid file,
        no stored results: run `convrec run FILE` first).

        Examples:
          convrec report experiments/samples.yaml
          convrec report experiments/*.yaml --output output --formats svg,png,pdf
          convrec report experiments/samples.yaml --profile quick
          convrec report experiments/samples.yaml --templates my-templates/
        """
    )

    @Argument(help: "Experiment files (YAML).")
    var files: [String]
    @Option(help: "Folder holding <name>/results.jsonl; the reports are written there.")
    var output = "output"
    @Option(help: "Image formats, comma-separated: svg, png, pdf.")
    var formats = "svg,png"
    @Option(help: "Profile the results were run with (selects the profile's points and trials).")
    var profile: String?
    @Option(help: "Folder of Mustache templates overriding templates/ (report.md, index.md, line.gp, heatmap.gp, convergence.gp).")
    var templates: String?

    func run() throws {
        func fail(_ message: String, _ code: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("convrec report: \(message)\n".utf8))
            return ExitCode(code)
        }
        let imageFormats: [ImageFormat]
        do { imageFormats = try ImageFormat.parseList(formats) } catch { throw fail("--formats: \(error)", 2) }
        if let templates {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder), isFolder.boolValue else {
                throw fail("--templates: \(templates) is not a folder", 2)
            }
        }
        let specs: [ExperimentSpec]
        do { specs = try ExperimentSpec.loadAll(paths: files, profile: profile) } catch {
            throw fail(error.errors.map(\.description).joined(separator: "\n"), 2)
        }
        let outputURL = URL(fileURLWithPath: output)
        let templatesURL = templates.map { URL(fileURLWithPath: $0) }
        try Self.writeReports(specs: specs, output: outputURL, formats: imageFormats, templates: templatesURL,
                              writeIndex: specs.count > 1, command: commandLine(spec:))
    }

    /// Builds every experiment's report (and the index), printing the files
    /// written on stdout and each claim's verdict on stderr. Shared with
    /// `convrec reproduce`. Throws exit 1 when a claim failed or a chart
    /// could not be rendered, 2 on bad input.
    static func writeReports(specs: [ExperimentSpec], output: URL, formats: [ImageFormat], templates: URL?,
                             writeIndex: Bool, command: (ExperimentSpec) -> String) throws {
        func fail(_ message: String, _ code: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("convrec report: \(message)\n".utf8))
            return ExitCode(code)
        }
        var reports: [ExperimentReport] = []
        var problems: [String] = []
        for spec in specs {
            var options = ReportOptions(formats: formats, templates: templates)
            options.command = command(spec)
            do {
                let report = try ReportBuilder.build(spec: spec, output: output, options: options)
                reports.append(report)
                print(report.reportFile.relativePath)
                for warning in report.warnings { FileHandle.standardError.write(Data("\(spec.name): warning: \(warning)\n".utf8)) }
                if let problem = report.renderProblem { problems.append(problem) }
                for claim in report.claims {
                    FileHandle.standardError.write(Data("\(spec.name): \(claim.verdict.rawValue) \(claim.claim.id): \(claim.measuredText)\n".utf8))
                }
            } catch {
                throw fail(error.message, error.isBadInput ? 2 : 1)
            }
        }
        if writeIndex {
            do { print(try IndexReport.write(reports: reports, output: output, templates: templates).relativePath) } catch {
                throw fail(error.message, 1)
            }
        }
        let failed = reports.flatMap { r in r.claims.filter(\.failsRun).map { "\(r.name)/\($0.claim.id)" } }
        if !failed.isEmpty { problems.append("claim\(failed.count == 1 ? "" : "s") failed: \(failed.joined(separator: ", "))") }
        if !problems.isEmpty { throw fail(problems.joined(separator: "\nconvrec report: "), 1) }
    }

    /// The command that regenerates one experiment's report.
    func commandLine(spec: ExperimentSpec) -> String {
        var parts = ["convrec", "report", spec.file]
        if output != "output" { parts += ["--output", output] }
        if let profile { parts += ["--profile", profile] }
        if formats != "svg,png" { parts += ["--formats", formats] }
        if let templates { parts += ["--templates", templates] }
        return parts.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
