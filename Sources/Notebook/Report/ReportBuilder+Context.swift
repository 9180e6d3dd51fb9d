import Foundation

extension ReportBuilder {
    /// The values report.md.mustache reads (listed in docs/reports.md).
    static func reportContext(
        spec: ExperimentSpec, analysis: ExperimentAnalysis, directory: URL, claims: [ClaimOutcome],
        charts: [RenderedChart], fits: [FittedValue], thresholds: [SampleThreshold], renderProblem: String?,
        warnings: [String], command: String, formats: [ImageFormat]
    ) -> [String: TemplateValue] {
        func text(_ s: String) -> TemplateValue { .text(s) }
        var c: [String: TemplateValue] = [
            "name": text(spec.name), "title": text(spec.title ?? spec.name),
            "description": text(spec.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""),
            "has_description": .flag(!(spec.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty),
            "file": text(spec.file), "profile": text(spec.profile ?? ""), "has_profile": .flag(spec.profile != nil),
            "points": text(String(spec.plan.points.count)), "trials_per_point": text(String(spec.plan.trialsPerPoint)),
            "trials_used": text(String(analysis.trialCount)), "trials_failed": text(String(analysis.failedCount)),
            "has_failed": .flag(analysis.failedCount > 0),
            "seed": text(String(spec.seed)), "resamples": text(String(analysis.resamples)),
            "command": text(command),
        ]
        // Claims.
        c["has_claims"] = .flag(!claims.isEmpty)
        c["claims_total"] = text(String(claims.count))
        c["claims_passed"] = text(String(claims.count(where: { $0.verdict == .pass })))
        c["claims_failed"] = text(String(claims.count(where: { $0.verdict == .fail })))
        c["claims_inconclusive"] = text(String(claims.count(where: { $0.verdict == .inconclusive })))
        c["claims"] = .list(claims.map { claimContext($0) })
        // Charts.
        c["has_charts"] = .flag(!charts.isEmpty)
        c["charts"] = .list(charts.enumerated().map { i, chart in
            func path(_ f: ImageFormat) -> String { "figures/\(chart.plot.spec.id).\(f.rawValue)" }
            let primary = formats.first { $0 != .pdf } ?? formats.first
            return [
                "number": text(String(i + 1)), "id": text(chart.plot.spec.id),
                "title": text(chart.plot.spec.title ?? ""), "has_title": .flag(chart.plot.spec.title != nil),
                "heading": text(chart.plot.spec.title ?? chart.plot.spec.id),
                "kind": text(chart.plot.spec.kind.rawValue), "caption": text(chart.plot.caption),
                "image": text(primary.map(path) ?? ""), "has_image": .flag(primary != nil),
                "svg": text(path(.svg)), "has_svg": .flag(formats.contains(.svg)),
                "png": text(path(.png)), "has_png": .flag(formats.contains(.png)),
                "pdf": text(path(.pdf)), "has_pdf": .flag(formats.contains(.pdf)),
                "data": text("figures/\(chart.plot.spec.id).dat"), "script": text("figures/\(chart.plot.spec.id).gp"),
            ]
        })
        c["render_problem"] = text(renderProblem ?? "")
        c["has_render_problem"] = .flag(renderProblem != nil)
        // Fits and thresholds.
        c["has_fits"] = .flag(!fits.isEmpty)
        c["fits"] = .list(fits.map { ["label": text(cell($0.label)), "value": text($0.text), "note": text(cell($0.note)), "key": text($0.key)] })
        c["has_thresholds"] = .flag(!thresholds.isEmpty)
        let grouping = analysis.thresholdGrouping
        c["threshold_group"] = text(grouping.isEmpty ? "group" : grouping.joined(separator: ", "))
        c["thresholds"] = .list(thresholds.map { t in
            [
                "group": text(grouping.isEmpty ? "all points" : grouping.map { t.values[$0]?.description ?? "" }.joined(separator: ", ")),
                "n_star": text(Format.number(t.value)),
                "interval": text(t.interval.map { "[\(Format.number($0.lower)), \(Format.number($0.upper))]" } ?? "—"),
                "trials": text(String(t.curve.reduce(0) { $0 + $1.trials.count })),
            ]
        })
        // Summary table.
        let table = analysis.summaryTable()
        c["summary_columns"] = .list(table.columns.map { ["name": text(cell($0))] })
        c["summary_rows"] = .list(table.rows.map { row in ["cells": .list(row.map { ["value": text(cell($0))] })] })
        // Provenance.
        let runs = RunHistory(directory: directory)
        let fields = runs.lastFields
        c["has_run"] = .flag(!fields.isEmpty)
        c["run"] = .list(fields.enumerated().map { i, f in
            ["key": text(f.key), "value": text(f.value.replacingOccurrences(of: "`", with: "'")), "last": .flag(i == fields.count - 1)]
        })
        c["has_runs"] = .flag(!runs.runs.isEmpty)
        c["runs"] = text(String(runs.runs.count))
        c["runs_plural"] = text(runs.runs.count == 1 ? "" : "s")
        c["trials_computed"] = text(String(runs.total("trials_computed")))
        c["trials_cached"] = text(String(runs.total("trials_cached")))
        c["trials_failed_runs"] = text(String(runs.total("trials_failed")))
        c["results"] = text(directory.relativePath + "/")
        c["ignored"] = text(String(analysis.ignoredRecords))
        c["has_ignored"] = .flag(analysis.ignoredRecords > 0)
        c["missing"] = text(String(analysis.missingPoints))
        c["has_missing"] = .flag(analysis.missingPoints > 0)
        let versions = Array(Set(analysis.points.flatMap { $0.records.map(\.solverVersion) })).sorted()
        c["solver_versions"] = text(versions.isEmpty ? "—" : versions.map { "`\($0)`" }.joined(separator: ", "))
        c["has_warnings"] = .flag(!warnings.isEmpty)
        c["warnings"] = .list(warnings.map { ["text": text($0)] })
        return c
    }

    /// One claim's row (report and index).
    static func claimContext(_ outcome: ClaimOutcome) -> [String: TemplateValue] {
        [
            "id": .text(outcome.claim.id), "statement": .text(cell(outcome.claim.statement)),
            "kind": .text(outcome.claim.check.kind.rawValue),
            "verdict": .text(outcome.verdict.rawValue + (outcome.isKnownDisagreement ? " (known disagreement)" : "")),
            "known_disagreement": .flag(outcome.claim.knownDisagreement != nil),
            "passed": .flag(outcome.verdict == .pass), "failed": .flag(outcome.verdict == .fail),
            "inconclusive": .flag(outcome.verdict == .inconclusive),
            "statistic": .text(cell(outcome.statistic)), "measured": .text(cell(outcome.measuredText)),
            "explanation": .text(cell(outcome.explanation)),
        ]
    }
}
