/// A chart the report stage draws, as declared under `charts:`.
///
/// Validated here so a typo in a chart fails `convrec check` rather than
/// the report at the end of a long run.
public struct ChartSpec: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A metric (y) against a parameter (x), one line per `series` value.
        case line
        /// A metric (z) over two parameters (x, y).
        case heatmap
        /// A per-iteration metric against `iteration`.
        case convergence
    }

    /// Unique within the experiment; names the chart's files.
    public let id: String
    public let title: String?
    public let kind: Kind
    /// A parameter name, or `iteration` for convergence charts.
    public let x: String
    /// A metric (line, convergence) or a parameter (heatmap).
    public let y: String
    /// The heatmap's metric (default `success_rate`); nil for other kinds.
    public let z: String?
    /// A parameter whose values become separate lines.
    public let series: String?
    public let logX: Bool
    public let logY: Bool
    /// A theory curve in `x` (or the x parameter's name) and a constant `c`
    /// fitted to the data, e.g. `c * x * log(x)`.
    public let theory: String?
    public let theoryExpression: Expression?
    /// Only points whose parameters equal these values are drawn.
    public let filter: [String: ParameterValue]
    public let caption: String?

    static let keys = ["id", "title", "kind", "x", "y", "z", "series", "log_x", "log_y", "theory", "where", "caption"]

    /// Reads one item of `charts:`; `parameters` are the names points carry.
    static func read(
        _ node: SpecNode, _ path: String, parameters: [String], diagnostics d: inout Diagnostics
    ) -> ChartSpec? {
        guard let entries = d.mapping(node, path) else { return nil }
        let start = d.errors.count
        d.checkKeys(entries, allowed: keys, path, what: "in a chart")
        let id = d.string(node["id"], "\(path).id", required: true, at: node.location)
        if let id, !ExperimentSpec.isValidIdentifier(id) {
            d.error("chart id '\(id)' must match [a-z0-9][a-z0-9-]*", at: node["id"]!.location, "\(path).id")
        }
        var kind = Kind.line
        if let text = d.string(node["kind"], "\(path).kind") {
            if let k = Kind(rawValue: text) { kind = k } else {
                let names = Kind.allCases.map(\.rawValue)
                d.error("unknown chart kind '\(text)'" + Suggestion.hint(for: text, in: names),
                        at: node["kind"]!.location, "\(path).kind", valid: names.joined(separator: ", "))
            }
        }
        func name(_ key: String, among valid: [String], default value: String? = nil) -> String? {
            guard let field = node[key] else {
                if value == nil { d.error("missing required key '\(key)' for a \(kind.rawValue) chart", at: node.location, "\(path).\(key)") }
                return value
            }
            guard let text = d.string(field, "\(path).\(key)") else { return nil }
            guard valid.contains(text) else {
                d.error("unknown name '\(text)'" + Suggestion.hint(for: text, in: valid),
                        at: field.location, "\(path).\(key)", valid: valid.joined(separator: ", "))
                return nil
            }
            return text
        }
        let x: String?, y: String?, z: String?
        switch kind {
        case .line:
            x = name("x", among: parameters)
            y = name("y", among: Metric.names)
            z = nil
        case .heatmap:
            x = name("x", among: parameters)
            y = name("y", among: parameters)
            z = name("z", among: Metric.names, default: "success_rate")
        case .convergence:
            x = name("x", among: [Metric.iteration], default: Metric.iteration)
            y = name("y", among: Metric.names, default: "loss")
            z = nil
        }
        if node["z"] != nil, kind != .heatmap {
            d.error("'z' is used by heatmap charts only", at: node["z"]!.location, "\(path).z")
        }
        let series = node["series"] == nil ? nil : name("series", among: parameters)
        var theoryExpression: Expression?
        if let theory = node["theory"] {
            let names = Set(["x", "c"] + [x].compactMap { $0 } + parameters)
            theoryExpression = d.formula(theory, "\(path).theory", allowed: names.sorted())
        }
        let chart = ChartSpec(
            id: id ?? "", title: d.string(node["title"], "\(path).title"), kind: kind,
            x: x ?? "", y: y ?? "", z: z, series: series,
            logX: d.bool(node["log_x"], "\(path).log_x") ?? false,
            logY: d.bool(node["log_y"], "\(path).log_y") ?? false,
            theory: node["theory"]?.scalarValue?.text, theoryExpression: theoryExpression,
            filter: d.parameterFilter(node["where"], "\(path).where", parameters: parameters),
            caption: d.string(node["caption"], "\(path).caption"))
        return d.errors.count == start ? chart : nil
    }
}
