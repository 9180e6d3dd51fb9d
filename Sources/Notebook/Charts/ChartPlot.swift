import Foundation

/// One chart made ready to draw: its data file, the values its gnuplot
/// template reads, its caption and the constants fitted for it.
///
/// Data files are plain whitespace-separated columns with a `#` header
/// naming the experiment and the columns; series are gnuplot data blocks
/// (`index i`) separated by two blank lines. The columns of each kind are
/// listed in docs/reports.md.
public struct ChartPlot: Sendable {
    public let spec: ChartSpec
    /// The text of `<id>.dat`.
    public let data: String
    /// The template's values, except `outputs` (added when rendering).
    public let context: [String: TemplateValue]
    /// What was swept and how many trials; the chart's own caption first.
    public let caption: String
    /// Constants fitted for the chart (theory constant c, convergence rates).
    public let fits: [FittedValue]

    /// The template drawing this kind: `line.gp`, `heatmap.gp`, `convergence.gp`.
    public var templateName: String { "\(spec.kind.rawValue).gp" }
}

/// A value handed to a Mustache template: text, a flag, a list of
/// sections or a nested section. (Plain Swift values, so contexts are
/// Sendable and comparable in tests.)
public indirect enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([[String: TemplateValue]])
    case section([String: TemplateValue])

    /// The value as swift-mustache renders it.
    public var mustache: Any {
        switch self {
        case .text(let t): t
        case .flag(let b): b
        case .list(let items): items.map { $0.mapValues(\.mustache) }
        case .section(let s): s.mapValues(\.mustache)
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
}

extension ExperimentAnalysis {
    /// Prepares one chart of the experiment (data, template values, caption).
    public func plot(_ chart: ChartSpec) -> ChartPlot {
        switch chart.kind {
        case .line: linePlot(chart)
        case .heatmap: heatmapPlot(chart)
        case .convergence: convergencePlot(chart)
        }
    }

    /// The values every chart template reads.
    func commonContext(_ chart: ChartSpec, xLabel: String, yLabel: String, logX: Bool, logY: Bool) -> [String: TemplateValue] {
        let title = chart.title ?? ""
        return [
            "experiment": .text(spec.name), "id": .text(chart.id), "data": .text("\(chart.id).dat"),
            "title": .text(ChartLabels.escape(title)), "has_title": .flag(!title.isEmpty),
            "xlabel": .text(xLabel), "ylabel": .text(yLabel),
            "log_x": .flag(logX), "log_y": .flag(logY), "font": .text(ChartStyle.font),
        ]
    }

    /// The header of a data file.
    func dataHeader(_ chart: ChartSpec, _ columns: String, _ notes: [String] = []) -> String {
        var text = "# experiment: \(spec.name) — chart \(chart.id) (\(chart.kind.rawValue))\n"
        if let title = chart.title { text += "# title: \(title)\n" }
        if !chart.filter.isEmpty {
            text += "# where: " + chart.filter.keys.sorted().map { "\($0)=\(chart.filter[$0]!)" }.joined(separator: ", ") + "\n"
        }
        for note in notes { text += "# \(note)\n" }
        text += "# columns: \(columns)\n"
        return text
    }

    /// "Swept: samples ∈ {1000, 2000}, activation ∈ {relu, tanh}; 10 trials per point (60 in all)."
    func sweepSentence(_ points: [PointSummary], names: [String]) -> String {
        var parts: [String] = []
        for name in names {
            let values = ExperimentAnalysis.ordered(points.compactMap { $0[name] })
            if values.isEmpty { continue }
            let shown = values.count <= 8 ? values.map(\.description)
                : values.prefix(3).map(\.description) + ["…"] + values.suffix(2).map(\.description)
            parts.append("\(name) ∈ {\(shown.joined(separator: ", "))}")
        }
        let counts = points.map(\.trials)
        let total = counts.reduce(0, +)
        let perPoint = counts.min() == counts.max() ? "\(counts.first ?? 0)" : "\(counts.min() ?? 0)–\(counts.max() ?? 0)"
        let failed = points.reduce(0) { $0 + $1.failed }
        var text = parts.isEmpty ? "" : "Swept: " + parts.joined(separator: ", ") + "; "
        text += "\(perPoint) trial\(perPoint == "1" ? "" : "s") per point (\(total) in all"
        text += failed > 0 ? ", \(failed) failed)." : ")."
        return text
    }

    func caption(_ chart: ChartSpec, _ generated: String, _ points: [PointSummary], names: [String]) -> String {
        var text = chart.caption.map { $0.hasSuffix(".") ? $0 + " " : $0 + ". " } ?? ""
        text += generated + " " + sweepSentence(points, names: names)
        if !chart.filter.isEmpty {
            text += " Only " + chart.filter.keys.sorted().map { "\($0) = \(chart.filter[$0]!)" }.joined(separator: ", ") + "."
        }
        return text
    }

    /// Distinct values of `name` among `points`, ordered (one nil when no name).
    func seriesValues(_ name: String?, _ points: [PointSummary]) -> [ParameterValue?] {
        guard let name else { return [nil] }
        return ExperimentAnalysis.ordered(points.compactMap { $0[name] })
    }

    /// The style of series i (colour, marker) for the templates.
    static func seriesContext(_ i: Int, title: String) -> [String: TemplateValue] {
        ["index": .text(String(i)), "style": .text(String(i + 1)), "title": .text(ChartLabels.escape(title)),
         "color": .text(ChartStyle.color(i)), "point_type": .text(String(ChartStyle.pointType(i)))]
    }

    /// `n` points from a to b, geometric when `log`.
    static func grid(_ a: Double, _ b: Double, count n: Int = 80, log useLog: Bool) -> [Double] {
        guard a < b else { return [a] }
        return (0..<n).map { i in
            let t = Double(i) / Double(n - 1)
            return useLog ? exp(Foundation.log(a) + t * (Foundation.log(b) - Foundation.log(a))) : a + t * (b - a)
        }
    }
}
