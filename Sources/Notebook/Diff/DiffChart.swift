import Foundation

/// A diff figure: the data files and gnuplot script of an overlay (a chart
/// of the experiment drawn from both sides) or of the per-point ratios.
public struct DiffChart: Sendable {
    /// `<experiment>-<chart id>` or `<experiment>-ratios`: file names in `figures/`.
    public let id: String
    public let experiment: String
    public let title: String
    public let caption: String
    /// File name → text of the data files.
    public let data: [(name: String, text: String)]
    /// The template (`diff-overlay.gp`, `diff-ratio.gp`) and its values.
    public let templateName: String
    public let context: [String: TemplateValue]

    /// The script that writes `<id>.<format>` for each format.
    public func script(formats: [ImageFormat], templates: ReportTemplates) throws(ReportError) -> String {
        var context = self.context
        context["outputs"] = .list(formats.enumerated().map { i, format in
            ["terminal": .text(format.terminal), "file": .text("\(id).\(format.rawValue)"), "first": .flag(i == 0),
             "format": .text(format.rawValue), "point_size": .text(format.pointSize)]
        })
        return try templates.render(templateName, context)
    }

    /// Marker of side `side` (0 baseline: filled; 1 candidate: the open variant).
    static func pointType(series: Int, side: Int) -> Int { ChartStyle.pointType(series) - side }

    /// A chart of the experiment with both sides overlaid: the baseline's
    /// series solid with filled markers, the candidate's dashed with open
    /// markers, each series of each side in its own palette colour, the
    /// legend naming the versions. Built from the report's own `ChartPlot`s
    /// (same data columns); heatmaps have no overlay (nil).
    static func overlay(experiment: String, baseline: ChartPlot, candidate: ChartPlot,
                        labels: (baseline: String, candidate: String)) -> DiffChart? {
        guard baseline.spec.kind != .heatmap else { return nil }
        let id = "\(experiment)-\(baseline.spec.id)"
        var context = baseline.context
        context["data"] = nil
        var sides: [[String: TemplateValue]] = []
        for (k, (plot, label, name)) in [(baseline, labels.baseline, "baseline"), (candidate, labels.candidate, "candidate")].enumerated() {
            guard case .list(let series)? = plot.context["series"] else { continue }
            let styled: [[String: TemplateValue]] = series.enumerated().map { s, item in
                var title = ChartLabels.escape("\(name) (\(label))")
                if series.count > 1, case .text(let t)? = item["title"] { title += ": " + t }
                return ["index": item["index"] ?? .text(String(s)), "style": .text(String(10 * (k + 1) + s)),
                        "title": .text(title), "color": .text(ChartStyle.color(2 * s + k)),
                        "point_type": .text(String(pointType(series: s, side: k)))]
            }
            sides.append(["data": .text("\(id).\(name).dat"), "dash": .text(k == 0 ? "1" : "2"), "series": .list(styled)])
        }
        context["sides"] = .list(sides)
        context["has_key"] = true
        if context["key_position"] == nil { context["key_position"] = "top right" }
        context["x_column"] = .text("1")
        if case .flag(true)? = baseline.context["categorical"] { context["x_column"] = .text("10") }
        let caption = "\(baseline.spec.title ?? baseline.spec.id): baseline (\(labels.baseline)) solid, filled markers; "
            + "candidate (\(labels.candidate)) dashed, open markers. Centre values only (medians, or rates); "
            + "the per-side bands and intervals are in each side's report."
        return DiffChart(id: id, experiment: experiment, title: baseline.spec.title ?? baseline.spec.id, caption: caption,
                         data: [("\(id).baseline.dat", baseline.data), ("\(id).candidate.dat", candidate.data)],
                         templateName: "diff-overlay.gp", context: context)
    }

    /// The ratio candidate / baseline of each continuous metric's median at
    /// each matched point (log scale, 1 = no change; the dashed band is the
    /// metric's tolerance for the first metric).
    static func ratios(experiment: String, cells: [DiffCell], labels: (baseline: String, candidate: String)) -> DiffChart? {
        let continuous = cells.filter { $0.metric.kind == .continuous }
        var metrics: [String] = []
        for c in continuous where !metrics.contains(c.metric.name) { metrics.append(c.metric.name) }
        var points: [String] = []
        for c in continuous where !points.contains(c.point) { points.append(c.point) }
        guard !metrics.isEmpty, !points.isEmpty else { return nil }
        let id = "\(experiment)-ratios"
        var text = "# experiment: \(experiment) — candidate (\(labels.candidate)) / baseline (\(labels.baseline)), ratio of medians per point\n"
        text += "# columns: position \"point\" " + metrics.joined(separator: " ") + "\n"
        for (i, point) in points.enumerated() {
            let values = metrics.map { m -> String in
                let cell = continuous.first { $0.point == point && $0.metric.name == m }
                return Format.data(cell.map { $0.ratio.isFinite && $0.ratio > 0 ? $0.ratio : .nan } ?? .nan)
            }
            text += "\(i) \"\(shortLabel(point).replacingOccurrences(of: "\"", with: "'"))\" " + values.joined(separator: " ") + "\n"
        }
        let series: [[String: TemplateValue]] = metrics.enumerated().map { k, m in
            ["column": .text(String(k + 3)), "style": .text(String(k + 1)), "title": .text(ChartLabels.escape(m)),
             "color": .text(ChartStyle.color(k)), "point_type": .text(String(ChartStyle.pointType(k)))]
        }
        let context: [String: TemplateValue] = [
            "experiment": .text(experiment), "id": .text(id), "data": .text("\(id).dat"),
            "title": .text(ChartLabels.escape("\(experiment): candidate / baseline")), "has_title": true,
            "ylabel": .text("candidate / baseline (median)"), "font": .text(ChartStyle.font),
            "xlabel": .text(ChartLabels.escape(points.first.map(parameterNames) ?? "point")),
            "xrange": .text("[-0.5:\(Double(points.count) - 0.5)]"), "series": .list(series),
            "rotate": .flag(points.count > 3),
        ]
        let caption = "Ratio of the candidate's median to the baseline's at each point (1 = unchanged, below 1 = smaller), "
            + "for \(metrics.joined(separator: ", ")); log scale."
        return DiffChart(id: id, experiment: experiment, title: "Per-point ratios", caption: caption,
                         data: [("\(id).dat", text)], templateName: "diff-ratio.gp", context: context)
    }

    /// `dimension=8, patches=2, samples=100` → `8/2/100` (tic labels; the
    /// axis label names the parameters).
    static func shortLabel(_ point: String) -> String {
        point.components(separatedBy: ", ").map { $0.split(separator: "=", maxSplits: 1).last.map(String.init) ?? $0 }
            .joined(separator: "/")
    }

    /// `dimension=8, patches=2, samples=100` → `dimension / patches / samples`.
    static func parameterNames(_ point: String) -> String {
        point.components(separatedBy: ", ").map { String($0.split(separator: "=", maxSplits: 1).first ?? "") }
            .joined(separator: " / ")
    }

    /// Writes the data and script into `directory` and renders with `gnuplot`
    /// when given; returns gnuplot's warnings.
    func write(to directory: URL, formats: [ImageFormat], templates: ReportTemplates, gnuplot: URL?) throws(ReportError) -> String {
        let script = directory.appendingPathComponent("\(id).gp")
        let text = try self.script(formats: formats, templates: templates)
        do {
            for (name, content) in data { try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
            try text.write(to: script, atomically: true, encoding: .utf8)
        } catch {
            throw ReportError("cannot write \(script.path): \(error.localizedDescription)", badInput: false)
        }
        guard let gnuplot, !formats.isEmpty else { return "" }
        return try Gnuplot.run(script: script.lastPathComponent, in: directory, executable: gnuplot)
    }
}
