/// A statement of the paper the report checks against the results, as
/// declared under `claims:` (for example "the recovery error decays like
/// n^(-1/2)": a power law with exponent in [-0.6, -0.4]).
public struct ClaimSpec: Hashable, Sendable {
    /// Unique within the experiment.
    public let id: String
    /// The claim in words, quoted in the report.
    public let statement: String
    public let check: ClaimCheck
    /// A documented disagreement between this project's measurements and
    /// the paper (`known_disagreement:` in the file): the claim is still
    /// checked and a FAIL is still reported as FAIL, with this text beside
    /// it, but it does not fail `convrec report`/`reproduce` (as an expected
    /// failure does in a test suite). A PASS is reported as the
    /// disagreement no longer reproducing.
    public let knownDisagreement: String?

    public init(id: String, statement: String, check: ClaimCheck, knownDisagreement: String? = nil) {
        self.id = id
        self.statement = statement
        self.check = check
        self.knownDisagreement = knownDisagreement
    }

    static let keys = ["id", "statement", "check", "known_disagreement"]

    static func read(
        _ node: SpecNode, _ path: String, parameters: [String], diagnostics d: inout Diagnostics
    ) -> ClaimSpec? {
        guard let entries = d.mapping(node, path) else { return nil }
        let start = d.errors.count
        d.checkKeys(entries, allowed: keys, path, what: "in a claim")
        let id = d.string(node["id"], "\(path).id", required: true, at: node.location)
        if let id, !ExperimentSpec.isValidIdentifier(id) {
            d.error("claim id '\(id)' must match [a-z0-9][a-z0-9-]*", at: node["id"]!.location, "\(path).id")
        }
        let statement = d.string(node["statement"], "\(path).statement", required: true, at: node.location)
        guard let checkNode = node["check"] else {
            d.error("missing required key 'check'", at: node.location, "\(path).check")
            return nil
        }
        let check = ClaimCheck.read(checkNode, "\(path).check", parameters: parameters, diagnostics: &d)
        let disagreement = d.string(node["known_disagreement"], "\(path).known_disagreement")
        guard d.errors.count == start, let id, let statement, let check else { return nil }
        return ClaimSpec(id: id, statement: statement, check: check, knownDisagreement: disagreement)
    }
}

/// How a claim is tested against per-point statistics.
public struct ClaimCheck: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// log y against log x is linear with slope in `exponent`.
        case powerLaw = "power_law"
        /// y falls (rises) as x grows.
        case decreasing, increasing
        /// Every (filtered) y is at most (at least) `value`.
        case atMost = "at_most", atLeast = "at_least"
        /// y on the points `where` is below y on the points `than`.
        case lessThan = "less_than"
        /// log y against iteration is linear (linear convergence), R² ≥ `min_r2`.
        case linearRate = "linear_rate"
        /// y grows like log x (e.g. iterations against 1/tolerance).
        case logIterations = "log_iterations"

        /// The keys this kind cannot do without.
        var required: [String] {
            switch self {
            case .powerLaw: ["x", "y", "exponent"]
            case .decreasing, .increasing, .logIterations: ["x", "y"]
            case .atMost, .atLeast: ["y", "value"]
            case .lessThan: ["y", "where", "than"]
            case .linearRate: ["y"]
            }
        }
    }

    public let kind: Kind
    /// A parameter (or `iteration` for linear_rate, its default).
    public let x: String?
    /// A metric.
    public let y: String
    /// Accepted range of the fitted exponent (power_law).
    public let exponent: ClosedRange<Double>?
    /// The bound for at_most / at_least.
    public let value: Double?
    /// Which points the claim is about.
    public let filter: [String: ParameterValue]
    /// The points compared against (less_than).
    public let than: [String: ParameterValue]
    /// Least acceptable R² of the fit (linear_rate default 0.95).
    public let minR2: Double?
    /// Check the claim separately for each value of this parameter.
    public let per: String?

    static let keys = ["kind", "x", "y", "exponent", "value", "where", "than", "min_r2", "per"]

    static func read(
        _ node: SpecNode, _ path: String, parameters: [String], diagnostics d: inout Diagnostics
    ) -> ClaimCheck? {
        guard let entries = d.mapping(node, path) else { return nil }
        let start = d.errors.count
        d.checkKeys(entries, allowed: keys, path, what: "in a claim check")
        let names = Kind.allCases.map(\.rawValue)
        guard let kindText = d.string(node["kind"], "\(path).kind", required: true, at: node.location) else { return nil }
        guard let kind = Kind(rawValue: kindText) else {
            d.error("unknown check kind '\(kindText)'" + Suggestion.hint(for: kindText, in: names),
                    at: node["kind"]!.location, "\(path).kind", valid: names.joined(separator: ", "))
            return nil
        }
        for key in kind.required where node[key] == nil {
            d.error("missing required key '\(key)' for a \(kind.rawValue) check", at: node.location, "\(path).\(key)",
                    valid: "\(kind.rawValue) needs \(kind.required.joined(separator: ", "))")
        }
        func name(_ key: String, among valid: [String]) -> String? {
            guard let field = node[key], let text = d.string(field, "\(path).\(key)") else { return nil }
            guard valid.contains(text) else {
                d.error("unknown name '\(text)'" + Suggestion.hint(for: text, in: valid),
                        at: field.location, "\(path).\(key)", valid: valid.joined(separator: ", "))
                return nil
            }
            return text
        }
        let x = name("x", among: parameters + [Metric.iteration]) ?? (kind == .linearRate ? Metric.iteration : nil)
        let y = name("y", among: Metric.names)
        var exponent: ClosedRange<Double>?
        if let e = node["exponent"] {
            let bounds = d.list(e, "\(path).exponent")?.enumerated().compactMap { d.number($1, "\(path).exponent[\($0)]") }
            if let bounds, bounds.count == 2, bounds[0] <= bounds[1] {
                exponent = bounds[0]...bounds[1]
            } else if bounds != nil {
                d.error("expected [low, high] with low ≤ high, found \(e.excerpt)", at: e.location, "\(path).exponent")
            }
        }
        var minR2 = d.number(node["min_r2"], "\(path).min_r2")
        if let r2 = minR2, !(0...1).contains(r2) {
            d.error("\(r2) is out of range", at: node["min_r2"]!.location, "\(path).min_r2", valid: "0 ≤ min_r2 ≤ 1")
        }
        if kind == .linearRate, minR2 == nil { minR2 = 0.95 }
        let check = ClaimCheck(
            kind: kind, x: x, y: y ?? "", exponent: exponent, value: d.number(node["value"], "\(path).value"),
            filter: d.parameterFilter(node["where"], "\(path).where", parameters: parameters),
            than: d.parameterFilter(node["than"], "\(path).than", parameters: parameters),
            minR2: minR2, per: name("per", among: parameters))
        return d.errors.count == start ? check : nil
    }
}
