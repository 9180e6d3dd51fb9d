import Foundation

/// `<output>/index.md`: links to several experiments' reports and one table
/// of all their claims (what `convrec reproduce` writes at the end).
public enum IndexReport {
    /// Writes `<output>/index.md` from `index.md.mustache` and returns its URL.
    /// Links are relative to `output` (`samples/report.md`).
    @discardableResult
    public static func write(reports: [ExperimentReport], output: URL, templates: URL? = nil) throws(ReportError) -> URL {
        let text = try render(reports: reports, output: output, templates: ReportTemplates(directory: templates))
        let url = output.appendingPathComponent("index.md")
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw ReportError("cannot write \(url.path): \(error.localizedDescription)", badInput: false)
        }
        return url
    }

    /// The text of index.md.
    public static func render(reports: [ExperimentReport], output: URL, templates: ReportTemplates = ReportTemplates()) throws(ReportError) -> String {
        let all = reports.flatMap(\.claims)
        func link(_ r: ExperimentReport) -> String { "\(r.name)/report.md" }
        var context: [String: TemplateValue] = [
            "experiments": .text(String(reports.count)),
            "claims_total": .text(String(all.count)),
            "claims_passed": .text(String(all.count(where: { $0.verdict == .pass }))),
            "claims_failed": .text(String(all.count(where: { $0.verdict == .fail }))),
            "claims_inconclusive": .text(String(all.count(where: { $0.verdict == .inconclusive }))),
            "has_failed": .flag(all.contains { $0.verdict == .fail }),
        ]
        context["reports"] = .list(reports.map { r in
            ["name": .text(r.name), "title": .text(ReportBuilder.cell(r.title)), "link": .text(link(r)),
             "trials": .text(String(r.trials)), "passed": .text(String(r.count(.pass))),
             "failed": .text(String(r.count(.fail))), "inconclusive": .text(String(r.count(.inconclusive)))]
        })
        context["claims"] = .list(reports.flatMap { r in
            r.claims.map { outcome in
                var row = ReportBuilder.claimContext(outcome)
                row["experiment"] = .text(r.name)
                row["link"] = .text(link(r))
                return row
            }
        })
        return try templates.render("index.md", context)
    }
}
