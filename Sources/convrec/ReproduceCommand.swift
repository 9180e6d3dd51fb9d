import ArgumentParser
import Foundation
import Notebook

/// `convrec reproduce`: the one command that rebuilds every claim.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run and report every experiment file of experiments/, and write output/index.md with all claims.",
        discussion: """
        Runs each file (cached and resumable, like `convrec run`), writes each
        report (like `convrec report`), then <output>/index.md linking them with
        one table of all claims. Files as written are the paper-grade `full`
        profile; `--profile quick` is the fast one (every chart, fewer points
        and trials). A file without the named profile is used as written.

        Examples:
          convrec reproduce --profile quick
          convrec reproduce --profile full --jobs 2
          convrec reproduce --experiments my-experiments --output my-output

        Exit status: 0 when every claim passed or was inconclusive, 1 when a
        claim FAILed (or a chart could not be rendered), 2 for bad input.
        """
    )

    @Option(help: "Profile applied to every file (quick, full).")
    var profile: String?
    @Option(help: "Trials run at once (default: all cores).")
    var jobs: Int?
    @Option(help: "Results and reports folder.")
    var output = "output"
    @Option(help: "Folder of experiment files (*.yaml).")
    var experiments = "experiments"
    @Option(help: "Image formats, comma-separated: svg, png, pdf.")
    var formats = "svg,png"
    @Flag(help: "Recompute trials that are already stored.")
    var force = false
    @Flag(help: "Show the progress line even when stderr is not a terminal.")
    var progress = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs: must be at least 1 (got \(jobs))") }
    }

    func run() throws {
        let imageFormats: [ImageFormat]
        do { imageFormats = try ImageFormat.parseList(formats) } catch { throw BadInput("--formats: \(error)") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: experiments)) ?? []
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { experiments + "/" + $0 }
        guard !files.isEmpty else {
            throw BadInput("--experiments: no *.yaml files in '\(experiments)' (run from the repository root, or name the folder)")
        }
        let specs: [ExperimentSpec]
        do {
            specs = try ExperimentSpec.loadAll(paths: files, profile: profile, profileOptional: true)
        } catch {
            throw BadInput(error.errors.map(\.description).joined(separator: "\n"))
        }
        let started = Date()
        let outputURL = URL(fileURLWithPath: output)
        var options = RunOptions(output: outputURL, force: force, progress: progress ? true : nil,
                                 handleInterrupts: true)
        if let jobs { options.jobs = jobs }
        do {
            _ = try Runner.run(specs: specs, options: options)
        } catch {
            FileHandle.standardError.write(Data(("convrec: " + error.description + "\n").utf8))
            throw ExitCode(error.exitCode)
        }
        if Interruption.requested { throw ExitCode(130) }
        defer {
            let seconds = Date().timeIntervalSince(started)
            FileHandle.standardError.write(Data(String(format: "reproduce: %d experiments in %.0f s; open %@/index.md\n",
                                                       specs.count, seconds, output).utf8))
        }
        try Report.writeReports(specs: specs, output: outputURL, formats: imageFormats, templates: nil,
                                writeIndex: true) { spec in
            var parts = ["convrec", "reproduce"]
            if let profile { parts += ["--profile", profile] }
            if output != "output" { parts += ["--output", output] }
            return parts.joined(separator: " ") + "   # or: convrec report \(spec.file)"
                + (profile.map { " --profile \($0)" } ?? "")
        }
    }
}
