import ArgumentParser
import Foundation
import Notebook

/// `convrec diff`: compare two result stores; exit 1 on a regression.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two result stores statistically; exit 1 when the candidate regressed.",
        discussion: """
        BASELINE and CANDIDATE are output folders (every experiment in them) or
        single experiment folders. Points are matched by their parameter values,
        trials by index. Per point and metric: both medians (rates), their
        difference and ratio, Mann–Whitney (continuous metrics) or Fisher's exact
        test (success rate), Benjamini–Hochberg across every cell; a change is a
        regression or improvement when significant and beyond the tolerance, and
        "unchanged" when an equivalence test (TOST) puts it within the tolerance.
        Writes diff.md, diff.json and figures/ (overlaid charts, per-point ratios)
        to --output (default <CANDIDATE>/diff). See docs/diff.md.

        Gating: by default only regressions in errors, losses and the success rate
        fail the diff; iterations and times are reported but never gate unless
        named with --gate (which replaces the gated set).

        Exit status: 0 no gated regression (the path of diff.md on stdout, the
        summary on stderr); 1 at least one; 2 bad input (a missing folder, no
        results, experiments with nothing in common, a bad option).

        Examples:
          convrec diff output/reference output
          convrec diff old/samples output/samples --tolerance error=5% --alpha 0.01
          convrec diff output/reference output --gate error,success_rate,time_total
          convrec diff output/reference output --formats svg --output /tmp/diff
        """
    )

    @Argument(help: "The reference results: an output folder or one experiment folder.")
    var baseline: String
    @Argument(help: "The results to check against it.")
    var candidate: String
    @Option(help: "Where diff.md, diff.json and figures/ go (default: <CANDIDATE>/diff).")
    var output: String?
    @Option(help: "False discovery rate (Benjamini–Hochberg) and equivalence test level.")
    var alpha = 0.05
    @Option(name: .customLong("tolerance"), help: ArgumentHelp(
        "METRIC=VALUE: relative for continuous metrics (error=0.1 or 10%), absolute for success_rate (repeatable).",
        valueName: "metric=value"))
    var tolerances: [String] = []
    @Option(name: .customLong("gate"), help: ArgumentHelp(
        "Metrics whose regressions fail the diff, comma-separated or repeated; replaces the default (error, max_column_error, init_error, final_loss, success_rate).",
        valueName: "metric"))
    var gates: [String] = []
    @Option(help: "Image formats, comma-separated: svg, png, pdf (empty: data and scripts only).")
    var formats = "svg,png"
    @Option(help: "Folder of Mustache templates overriding diff.md, diff-overlay.gp, diff-ratio.gp.")
    var templates: String?
    @Flag(help: "Print diff.json on stdout instead of the path of diff.md.")
    var json = false

    func run() throws {
        func fail(_ message: String, _ code: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("convrec diff: \(message)\n".utf8))
            return ExitCode(code)
        }
        var options = DiffOptions()
        guard alpha > 0, alpha < 1 else { throw fail("--alpha: must be between 0 and 1 (got \(alpha))", 2) }
        options.alpha = alpha
        do {
            options.formats = try ImageFormat.parseList(formats)
            for t in tolerances { try options.setTolerance(t) }
            let names = gates.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            if !gates.isEmpty { try options.gate(names.filter { !$0.isEmpty }) }
        } catch let error as DiffError {
            throw fail(error.message, 2)
        } catch {
            throw fail("--formats: \(error)", 2)
        }
        if let templates {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder), isFolder.boolValue else {
                throw fail("--templates: \(templates) is not a folder", 2)
            }
            options.templates = URL(fileURLWithPath: templates)
        }
        let candidateURL = URL(fileURLWithPath: candidate)
        let diff: ResultDiff
        let written: DiffOutput
        do {
            diff = try ResultDiff.compare(baseline: URL(fileURLWithPath: baseline), candidate: candidateURL, options: options)
            let folder = output.map { URL(fileURLWithPath: $0) } ?? ResultDiff.defaultOutput(candidate: candidateURL)
            written = try diff.write(to: folder, command: commandLine())
        } catch {
            throw fail(error.message, error.isBadInput ? 2 : 1)
        }
        if json { print(diff.json.prettyText) } else { print(written.markdown.relativePath) }
        var log = "convrec diff: \(diff.summaryLine)\n"
        for e in diff.experiments {
            if !e.onlyBaseline.isEmpty { log += "\(e.name): \(e.onlyBaseline.count) point(s) only in the baseline\n" }
            if !e.onlyCandidate.isEmpty { log += "\(e.name): \(e.onlyCandidate.count) point(s) only in the candidate\n" }
            for c in e.claims where c.changed { log += "\(e.name): claim \(c.id) \(c.baseline.verdict.rawValue) → \(c.candidate.verdict.rawValue)\n" }
            for w in e.warnings { log += "\(e.name): warning: \(w)\n" }
        }
        for c in diff.gatedRegressions {
            log += "\(c.experiment): REGRESSION \(c.metric.name) at \(c.point): \(Format.number(c.baseline)) → \(Format.number(c.candidate)) (q = \(Format.number(c.q)))\n"
        }
        if let problem = written.renderProblem { log += "convrec diff: warning: \(problem)\n" }
        FileHandle.standardError.write(Data(log.utf8))
        if diff.exitStatus != 0 { throw ExitCode(diff.exitStatus) }
    }

    /// The command as given (for "Regenerate").
    func commandLine() -> String {
        var parts = ["convrec", "diff", baseline, candidate]
        if let output { parts += ["--output", output] }
        if alpha != 0.05 { parts += ["--alpha", "\(alpha)"] }
        for t in tolerances { parts += ["--tolerance", t] }
        for g in gates { parts += ["--gate", g] }
        if formats != "svg,png" { parts += ["--formats", formats] }
        if let templates { parts += ["--templates", templates] }
        return parts.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
