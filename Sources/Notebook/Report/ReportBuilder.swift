import Foundation

/// Builds an experiment's report from its stored results (never runs a
/// trial): `<output>/<name>/report.md`, `summary.csv`, `macros.tex`,
/// `claims.tex`, and `figures/<chart id>.{dat,gp,svg,png,pdf}`.
public enum ReportBuilder {
    /// Analyses the stored trials of `spec`, decides its claims, draws its
    /// charts and writes the report.
    ///
    /// - Throws: `ReportError` with `isBadInput` when no results are stored
    ///   for the plan (the message names the folder and says to run
    ///   `convrec run FILE` first) or a user template is broken; without it
    ///   when a file cannot be written. A missing or failing gnuplot is not
    ///   thrown: the data and scripts are written and `renderProblem` says
    ///   what happened and how to install gnuplot.
    public static func build(spec: ExperimentSpec, output: URL, options: ReportOptions = ReportOptions()) throws(ReportError) -> ExperimentReport {
        let directory = output.appendingPathComponent(spec.name)
        let stored: ResultSet
        do { stored = try ResultReader.records(in: directory) } catch {
            throw ReportError("cannot read the results in \(directory.path): \(error.localizedDescription)")
        }
        guard !stored.records.isEmpty else {
            throw ReportError("no results stored for experiment '\(spec.name)' in \(directory.path)/; run `convrec run \(spec.file)` first")
        }
        let analysis = ExperimentAnalysis(spec: spec, records: stored.records, resamples: options.resamples)
        guard analysis.trialCount > 0 else {
            throw ReportError("none of the \(stored.records.count) results in \(directory.path)/ belongs to the plan of \(spec.file)"
                + (spec.profile.map { " with profile \($0)" } ?? "") + "; run `convrec run \(spec.file)"
                + (spec.profile.map { " --profile \($0)" } ?? "") + "` first")
        }
        var warnings = stored.skipped.map { "skipped unreadable result line \($0)" }
        if analysis.missingPoints > 0 {
            warnings.append("\(analysis.missingPoints) of \(analysis.points.count) planned points have no stored trial yet")
        }
        let claims = spec.claims.map(analysis.evaluate)

        // Charts: data and scripts always; images when gnuplot runs.
        let figures = directory.appendingPathComponent("figures")
        let templates = ReportTemplates(directory: options.templates)
        var renderProblem: String?
        var gnuplot: URL?
        if !spec.charts.isEmpty && !options.formats.isEmpty {
            gnuplot = Gnuplot.locate(options.gnuplot)
            if gnuplot == nil {
                renderProblem = "gnuplot (\(options.gnuplot)) was not found, so the images were not drawn; the data and scripts are in \(figures.path)/. "
                    + "\(Gnuplot.installHint.prefix(1).uppercased() + Gnuplot.installHint.dropFirst()), then rerun this command or run `gnuplot <id>.gp` in that folder."
            }
        }
        var charts: [RenderedChart] = []
        var fits: [FittedValue] = []
        if !spec.charts.isEmpty {
            do { try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true) } catch {
                throw ReportError("cannot create \(figures.path): \(error.localizedDescription)", badInput: false)
            }
        }
        for chart in spec.charts {
            let plot = analysis.plot(chart)
            fits += plot.fits
            do {
                let (rendered, messages) = try plot.write(to: figures, formats: options.formats, templates: templates, gnuplot: gnuplot)
                charts.append(rendered)
                if !messages.isEmpty { warnings.append("chart \(chart.id): gnuplot: " + messages.replacingOccurrences(of: "\n", with: " ")) }
            } catch where !error.isBadInput && gnuplot != nil {
                renderProblem = renderProblem ?? error.message
                let (rendered, _) = try plot.write(to: figures, formats: options.formats, templates: templates, gnuplot: nil)
                charts.append(rendered)
            }
        }

        // n* per group, when the sample count is swept.
        var thresholds: [SampleThreshold] = []
        if analysis.varying.contains(SampleThreshold.sampleParameter) {
            thresholds = analysis.sampleThresholds(groupBy: analysis.thresholdGrouping, id: "table")
            for t in thresholds {
                let label = ExperimentAnalysis.label(t.values, order: analysis.thresholdGrouping)
                fits.append(FittedValue(key: "n star " + (label.isEmpty ? "" : label.replacingOccurrences(of: "=", with: " ")),
                                        label: "n*" + (label.isEmpty ? "" : " at \(label)"), value: t.value,
                                        lower: t.interval?.lower, upper: t.interval?.upper,
                                        note: "success rate crosses ½ (log-interpolated); bootstrap 95%"))
            }
        }

        let command = options.command ?? defaultCommand(spec: spec, output: output, options: options)
        let context = reportContext(spec: spec, analysis: analysis, directory: directory, claims: claims, charts: charts,
                                    fits: fits, thresholds: thresholds, renderProblem: renderProblem,
                                    warnings: warnings, command: command, formats: options.formats)
        let report = try templates.render("report.md", context)
        let reportFile = directory.appendingPathComponent("report.md")
        let files: [(String, String)] = [
            ("summary.csv", analysis.summaryCSV()),
            ("macros.tex", LaTeXOutput.macros(experiment: spec.name, claims: claims, fits: fits)),
            ("claims.tex", LaTeXOutput.claimsTable(experiment: spec.name, claims: claims)),
            ("report.md", report),
        ]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            do { try text.write(to: url, atomically: true, encoding: .utf8) } catch {
                throw ReportError("cannot write \(url.path): \(error.localizedDescription)", badInput: false)
            }
        }
        return ExperimentReport(name: spec.name, title: spec.title ?? spec.name, file: spec.file, directory: directory,
                                reportFile: reportFile, claims: claims, charts: charts, fits: fits,
                                trials: analysis.trialCount, renderProblem: renderProblem, warnings: warnings)
    }

    /// `convrec report FILE --output DIR [--profile P] [--formats F] [--templates T]`.
    public static func defaultCommand(spec: ExperimentSpec, output: URL, options: ReportOptions) -> String {
        var parts = ["convrec", "report", shellQuoted(spec.file), "--output", shellQuoted(output.relativePath)]
        if let profile = spec.profile { parts += ["--profile", shellQuoted(profile)] }
        if options.formats != ImageFormat.defaults { parts += ["--formats", options.formats.map(\.rawValue).joined(separator: ",")] }
        if let templates = options.templates { parts += ["--templates", shellQuoted(templates.relativePath)] }
        return parts.joined(separator: " ")
    }

    static func shellQuoted(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Text safe inside a Markdown table cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
