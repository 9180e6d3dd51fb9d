import Foundation

/// What `ResultDiff.write` wrote.
public struct DiffOutput: Sendable {
    /// `<output>/diff.md`, `<output>/diff.json`.
    public let markdown: URL
    public let json: URL
    /// `<output>/figures/<id>.gp` of every figure.
    public let scripts: [URL]
    /// Why images are missing (gnuplot not found or failing), nil when drawn.
    public let renderProblem: String?
}

extension ResultDiff {
    /// The default output folder: `<candidate>/diff`.
    public static func defaultOutput(candidate: URL) -> URL { candidate.appendingPathComponent("diff") }

    /// Writes `diff.md`, `diff.json` and `figures/` (overlaid charts and
    /// per-point ratios: data, scripts, images) into `output`.
    ///
    /// - Parameter command: the line shown under "Regenerate".
    /// - Throws: `DiffError` when a file cannot be written (not bad input) or
    ///   a user template is broken (bad input). A missing gnuplot is not
    ///   thrown: `renderProblem` says so and the scripts are still written.
    public func write(to output: URL, command: String) throws(DiffError) -> DiffOutput {
        let figures = output.appendingPathComponent("figures")
        do { try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true) } catch {
            throw DiffError("cannot create \(figures.path): \(error.localizedDescription)", badInput: false)
        }
        let templates = ReportTemplates(directory: options.templates)
        let labels = (baseline: baseline.versionLabel, candidate: candidate.versionLabel)
        var gnuplot: URL?
        var renderProblem: String?
        if !options.formats.isEmpty {
            gnuplot = Gnuplot.locate(options.gnuplot)
            if gnuplot == nil { renderProblem = "gnuplot (\(options.gnuplot)) was not found, so the images were not drawn; \(Gnuplot.installHint)" }
        }
        var chartsByExperiment: [String: [DiffChart]] = [:]
        var scripts: [URL] = []
        for e in experiments {
            var charts: [DiffChart] = []
            if let (b, c) = analyses(e), let spec = e.spec {
                for chart in spec.charts {
                    if let overlay = DiffChart.overlay(experiment: e.name, baseline: b.plot(chart), candidate: c.plot(chart), labels: labels) {
                        charts.append(overlay)
                    }
                }
            }
            if let ratios = DiffChart.ratios(experiment: e.name, cells: e.cells, labels: labels) { charts.append(ratios) }
            for chart in charts {
                do {
                    _ = try chart.write(to: figures, formats: options.formats, templates: templates, gnuplot: gnuplot)
                } catch where !error.isBadInput {
                    renderProblem = renderProblem ?? error.message
                    do { _ = try chart.write(to: figures, formats: options.formats, templates: templates, gnuplot: nil) } catch {
                        throw DiffError(error.message, badInput: error.isBadInput)
                    }
                } catch {
                    throw DiffError(error.message, badInput: true)
                }
                scripts.append(figures.appendingPathComponent("\(chart.id).gp"))
            }
            chartsByExperiment[e.name] = charts
        }
        let markdown: String
        do {
            markdown = try templates.render("diff.md", markdownContext(charts: chartsByExperiment, command: command,
                                                                       renderProblem: renderProblem))
        } catch { throw DiffError(error.message, badInput: error.isBadInput) }
        let md = output.appendingPathComponent("diff.md"), js = output.appendingPathComponent("diff.json")
        do {
            try markdown.write(to: md, atomically: true, encoding: .utf8)
            try (json.prettyText + "\n").write(to: js, atomically: true, encoding: .utf8)
        } catch {
            throw DiffError("cannot write \(md.path): \(error.localizedDescription)", badInput: false)
        }
        return DiffOutput(markdown: md, json: js, scripts: scripts, renderProblem: renderProblem)
    }

    /// One line saying what the diff found.
    public var summaryLine: String {
        if isIdentical { return "identical: every one of the \(experiments.reduce(0) { $0 + $1.pairedTrials }) trials is bit-identical (same seed, inputs and numbers)" }
        let gated = gatedRegressions.count
        return "\(count(.regression)) regression\(count(.regression) == 1 ? "" : "s")"
            + (gated != count(.regression) ? " (\(gated) gated)" : "")
            + ", \(count(.improvement)) improvement\(count(.improvement) == 1 ? "" : "s")"
            + ", \(count(.unchanged) + count(.identical)) unchanged, \(count(.inconclusive)) inconclusive"
    }

    // MARK: - diff.json

    /// The diff for programs (`diff.json`); keys documented in docs/diff.md.
    public var json: JSONValue {
        func side(_ s: DiffStore) -> JSONValue {
            .object(["path": .string(s.root.relativePath), "label": .string(s.versionLabel),
                     "solver_versions": .array(s.solverVersions.map(JSONValue.string)),
                     "experiments": .array(s.experiments.map { .string($0.name) }),
                     "run": s.lastRun.map(JSONValue.object) ?? .null])
        }
        func number(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        var summary: [String: JSONValue] = ["cells": .integer(cells.count), "gated_regressions": .integer(gatedRegressions.count)]
        for status in DiffStatus.allCases { summary[status.rawValue] = .integer(count(status)) }
        let metrics: [JSONValue] = options.metrics.map { m in
            .object(["name": .string(m.name), "kind": .string(m.kind.rawValue), "tolerance": .number(m.tolerance),
                     "tolerance_kind": .string(m.kind == .continuous ? "relative" : "absolute"),
                     "lower_is_better": .bool(m.lowerIsBetter), "gated": .bool(m.gated)])
        }
        let experimentValues: [JSONValue] = experiments.map { e in
            .object([
                "name": .string(e.name), "points": .array(e.points.map(JSONValue.string)),
                "only_baseline": .array(e.onlyBaseline.map(JSONValue.string)),
                "only_candidate": .array(e.onlyCandidate.map(JSONValue.string)),
                "paired_trials": .integer(e.pairedTrials), "identical_trials": .integer(e.identicalTrials),
                "cells": .array(e.cells.map { c in
                    .object(["point": .string(c.point), "metric": .string(c.metric.name), "test": .string(c.test),
                             "baseline": number(c.baseline), "candidate": number(c.candidate),
                             "baseline_n": .integer(c.baselineCount), "candidate_n": .integer(c.candidateCount),
                             "difference": number(c.difference), "ratio": number(c.ratio), "p": number(c.p), "q": number(c.q),
                             "equivalence_p": number(c.equivalenceP), "status": .string(c.status.rawValue),
                             "gated": .bool(c.metric.gated)])
                }),
                "claims": .array(e.claims.map { c in
                    .object(["id": .string(c.id), "baseline": .string(c.baseline.verdict.rawValue),
                             "candidate": .string(c.candidate.verdict.rawValue), "changed": .bool(c.changed),
                             "baseline_measured": .string(c.baseline.measuredText),
                             "candidate_measured": .string(c.candidate.measuredText)])
                }),
                "warnings": .array(e.warnings.map(JSONValue.string)),
            ])
        }
        return .object([
            "verdict": .string(verdict), "exit_status": .integer(Int(exitStatus)), "alpha": .number(options.alpha),
            "baseline": side(baseline), "candidate": side(candidate), "summary": .object(summary), "metrics": .array(metrics),
            "only_baseline": .array(onlyBaseline.map(JSONValue.string)),
            "only_candidate": .array(onlyCandidate.map(JSONValue.string)),
            "experiments": .array(experimentValues),
        ])
    }

    // MARK: - diff.md

    func markdownContext(charts: [String: [DiffChart]], command: String, renderProblem: String?) -> [String: TemplateValue] {
        func text(_ s: String) -> TemplateValue { .text(ReportBuilder.cell(s)) }
        func num(_ x: Double) -> String { x.isFinite ? Format.number(x) : "—" }
        func pText(_ x: Double) -> String { x.isNaN ? "—" : x < 1e-4 ? String(format: "%.1e", x) : String(format: "%.4f", x) }
        func list(_ items: [String], key: String) -> TemplateValue {
            .list(items.enumerated().map { [key: text($1), "last": .flag($0 == items.count - 1)] })
        }
        let regressions = count(.regression)
        var verdictText: String
        if isIdentical { verdictText = "Identical: " + summaryLine.dropFirst("identical: ".count) + "." }
        else if !gatedRegressions.isEmpty { verdictText = "Regression: " + summaryLine + "." }
        else { verdictText = "No regression: " + summaryLine + "." }
        var c: [String: TemplateValue] = [
            "baseline": text(baseline.root.relativePath), "candidate": text(candidate.root.relativePath),
            "baseline_label": text(baseline.versionLabel), "candidate_label": text(candidate.versionLabel),
            "verdict": text(verdict), "verdict_text": text(verdictText),
            "regressions": text(String(regressions)), "gated_regressions": text(String(gatedRegressions.count)),
            "has_ungated": .flag(gatedRegressions.count != regressions),
            "improvements": text(String(count(.improvement))),
            "unchanged": text(String(count(.unchanged) + count(.identical))), "identical": text(String(count(.identical))),
            "inconclusive": text(String(count(.inconclusive))), "cells": text(String(cells.count)),
            "trials": text(String(experiments.reduce(0) { $0 + $1.pairedTrials })),
            "identical_trials": text(String(experiments.reduce(0) { $0 + $1.identicalTrials })),
            "alpha": text(Format.number(options.alpha)),
            "gated": text(options.metrics.filter(\.gated).map { "`\($0.name)`" }.joined(separator: ", ").ifEmpty("nothing")),
            "command": .text(command),
        ]
        let oneSided = onlyBaseline.map { "`\($0)` (baseline)" } + onlyCandidate.map { "`\($0)` (candidate)" }
        c["has_one_sided_experiments"] = .flag(!oneSided.isEmpty)
        c["one_sided_experiments"] = text(oneSided.joined(separator: ", "))
        c["metrics"] = .list(options.metrics.map { m in
            ["name": text(m.name), "test": text(m.kind == .continuous ? "Mann–Whitney; TOST on the ratio" : "Fisher exact; TOST on the difference"),
             "tolerance": text(m.kind == .continuous ? "\(Format.number(m.tolerance * 100))% relative" : "\(Format.number(m.tolerance)) absolute"),
             "better": text(m.lowerIsBetter ? "lower" : "higher"), "gates": text(m.gated ? "yes" : "no")]
        })
        c["experiments"] = .list(experiments.map { e in
            let changes = e.cells.filter { $0.status == .regression || $0.status == .improvement }
            func cellValues(_ cell: DiffCell) -> [String: TemplateValue] {
                ["status": text(cell.status.rawValue), "point": text(cell.point), "metric": text(cell.metric.name),
                 "n": text("\(cell.baselineCount)/\(cell.candidateCount)"), "baseline": text(num(cell.baseline)),
                 "candidate": text(num(cell.candidate)), "difference": text(num(cell.difference)),
                 "ratio": text(num(cell.ratio)), "p": text(pText(cell.p)), "q": text(pText(cell.q)),
                 "equivalence_p": text(cell.status == .identical ? "—" : pText(cell.equivalenceP)), "gated": .flag(cell.metric.gated)]
            }
            let rendered = charts[e.name] ?? []
            let primary = options.formats.first { $0 != .pdf } ?? options.formats.first
            var warnings = e.warnings
            if let renderProblem { warnings.append(renderProblem) }
            return [
                "name": text(e.name), "points": text(String(e.points.count)), "trials": text(String(e.pairedTrials)),
                "identical_trials": text(String(e.identicalTrials)),
                "has_only_baseline": .flag(!e.onlyBaseline.isEmpty), "only_baseline": list(e.onlyBaseline, key: "point"),
                "has_only_candidate": .flag(!e.onlyCandidate.isEmpty), "only_candidate": list(e.onlyCandidate, key: "point"),
                "has_changes": .flag(!changes.isEmpty), "changes": .list(changes.map(cellValues)),
                "cells": .list(e.cells.map(cellValues)),
                "has_claims": .flag(!e.claims.isEmpty),
                "claims": .list(e.claims.map { cl in
                    ["id": text(cl.id), "statement": text(cl.statement), "baseline": text(cl.baseline.verdict.rawValue),
                     "candidate": text(cl.candidate.verdict.rawValue), "baseline_measured": text(cl.baseline.measuredText),
                     "candidate_measured": text(cl.candidate.measuredText), "changed": .flag(cl.changed)]
                }),
                "has_charts": .flag(!rendered.isEmpty),
                "charts": .list(rendered.map { chart in
                    ["title": text(chart.title), "caption": text(chart.caption),
                     "image": text(primary.map { "figures/\(chart.id).\($0.rawValue)" } ?? ""),
                     "has_image": .flag(primary != nil && renderProblem == nil), "script": text("figures/\(chart.id).gp")]
                }),
                "has_warnings": .flag(!warnings.isEmpty), "warnings": .list(warnings.map { ["text": text($0)] }),
            ]
        })
        // Provenance side by side: the last run of each side.
        let b = baseline.lastRun ?? [:], k = candidate.lastRun ?? [:]
        let keys = RunHistory.keyOrder.filter { b[$0] != nil || k[$0] != nil }
            + Set(b.keys).union(k.keys).subtracting(RunHistory.keyOrder).sorted()
        func show(_ v: JSONValue?) -> String { v.map { RunHistory.text($0).replacingOccurrences(of: "`", with: "'") } ?? "—" }
        var rows: [[String: TemplateValue]] = [
            ["key": "solver versions of the records", "baseline": text(baseline.solverVersions.joined(separator: ", ")),
             "candidate": text(candidate.solverVersions.joined(separator: ", ")),
             "differs": .flag(baseline.solverVersions != candidate.solverVersions)],
        ]
        rows += keys.map { key in
            ["key": text(key), "baseline": text(show(b[key])), "candidate": text(show(k[key])),
             "differs": .flag(show(b[key]) != show(k[key]) && !["started", "ended", "command_line"].contains(key))]
        }
        c["provenance"] = .list(rows)
        return c
    }
}

extension String {
    fileprivate func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
