import ConvRecovery

/// One parameter an experiment can fix, sweep or derive: its name, type,
/// default, valid range and a line of help.
///
/// `ParameterDefinition.catalogue` is the single source of truth: the
/// validator, the "did you mean" suggestions, `docs/experiment-format.md`
/// and the plan's defaults all read it.
public struct ParameterDefinition: Sendable {
    /// Where the key lives in the file.
    public enum Section: String, Sendable {
        case model, solver
        /// Computed by the notebook itself (`dimension`), never set directly.
        case computed
    }

    public enum ValueType: Sendable, CustomStringConvertible {
        case integer
        case real
        case bool
        /// One of a fixed list of names.
        case choice([String])
        /// A positive number or the word `auto`.
        case realOrAuto

        /// Whether formulas may read and compute it (`step_size` is numeric
        /// unless it is `auto`, which evaluation then rejects).
        public var isNumeric: Bool {
            switch self {
            case .integer, .real, .realOrAuto: true
            case .bool, .choice: false
            }
        }

        public var description: String {
            switch self {
            case .integer: "integer"
            case .real: "number"
            case .bool: "boolean"
            case .choice(let names): names.joined(separator: " | ")
            case .realOrAuto: "auto | number"
            }
        }
    }

    public enum ValidRange: Sendable, CustomStringConvertible {
        case any
        case positive
        case nonNegative
        case atLeastOne
        /// [0, 1)
        case unitInterval

        public func contains(_ x: Double) -> Bool {
            switch self {
            case .any: x.isFinite
            case .positive: x > 0
            case .nonNegative: x >= 0
            case .atLeastOne: x >= 1
            case .unitInterval: x >= 0 && x < 1
            }
        }

        public var description: String {
            switch self {
            case .any: "any number"
            case .positive: "> 0"
            case .nonNegative: "≥ 0"
            case .atLeastOne: "≥ 1"
            case .unitInterval: "0 ≤ value < 1"
            }
        }
    }

    public let name: String
    public let section: Section
    public let type: ValueType
    /// `nil` when the default depends on other values (see `help`).
    public let defaultValue: ParameterValue?
    public let range: ValidRange
    public let help: String
    /// Other accepted spellings of the key (e.g. `gradient_tolerance`).
    public let aliases: [String]

    init(
        _ name: String, _ section: Section, _ type: ValueType, _ defaultValue: ParameterValue?,
        _ range: ValidRange = .any, aliases: [String] = [], _ help: String
    ) {
        self.name = name
        self.section = section
        self.type = type
        self.defaultValue = defaultValue
        self.range = range
        self.help = help
        self.aliases = aliases
    }

    /// What a value must look like, for `(valid: …)` hints.
    public var validDescription: String {
        switch type {
        case .integer: range == .positive ? "a positive integer" : "an integer \(range)"
        case .real: "a number \(range)"
        case .bool: "true | false"
        case .choice(let names): names.joined(separator: ", ")
        case .realOrAuto: "auto, or a number \(range)"
        }
    }
}

extension ParameterDefinition.ValidRange: Equatable {}

extension ParameterDefinition {
    /// Every parameter, in the order the documentation lists them.
    public static let catalogue: [ParameterDefinition] = [
        // The model (MATH.md §1–2).
        .init("patch_size", .model, .integer, .integer(8), .positive,
              "k: length of one patch and of one kernel."),
        .init("patches", .model, .integer, .integer(4), .positive,
              "r: number of non-overlapping patches."),
        .init("kernels", .model, .integer, .integer(3), .positive,
              "t: number of kernels; at most patch_size."),
        .init("activation", .model, .choice(Activation.names), .string("squared-relu"), .any,
              "φ, the elementwise activation."),
        .init("leaky_slope", .model, .real, .real(Activation.defaultLeakySlope), .unitInterval,
              "a: negative-side slope of leaky-relu."),
        .init("kappa", .model, .real, .real(2), .atLeastOne,
              "κ: condition number of the true kernels W*."),
        .init("signs", .model, .choice(["ones", "random"]), .string("ones"), .any,
              "Output signs v*: all +1, or uniform on {±1}."),
        .init("noise", .model, .real, .real(0), .nonNegative,
              "s: standard deviation of Gaussian label noise."),
        .init("samples", .model, .integer, .integer(20000), .positive,
              "n: number of training samples."),
        .init("test_samples", .model, .integer, .integer(10000), .positive,
              "Number of fresh samples for the test loss."),
        // The solver (MATH.md §4–5).
        .init("init", .solver, .choice(["tensor", "random", "perturbed"]), .string("tensor"), .any,
              "Initialisation: tensor method, random, or the truth perturbed."),
        .init("perturbation", .solver, .real, .real(0.1), .positive,
              "Relative size of the perturbation for init: perturbed."),
        .init("step_size", .solver, .realOrAuto, .string("auto"), .positive,
              "Gradient-descent step size η, or auto."),
        .init("max_iterations", .solver, .integer, .integer(2000), .nonNegative,
              "Upper bound on gradient-descent iterations (0: report the starting point)."),
        .init("tolerance", .solver, .real, .real(1e-9), .nonNegative, aliases: ["gradient_tolerance"],
              "Stop when the gradient norm falls below this."),
        .init("loss_tolerance", .solver, .real, .real(0), .nonNegative,
              "Stop when the training loss falls below this (0 = off)."),
        .init("resample", .solver, .bool, .bool(false), .any,
              "Split the sample: half initialises, the rest gives each descent step a fresh disjoint part."),
        .init("success_threshold", .solver, .real, .real(0.01), .positive,
              "A trial succeeds when its recovery error is below this."),
        .init("learn_signs", .solver, .bool, nil, .any,
              "Learn the output signs too; default true when signs is random, else false."),
        .init("history", .solver, .bool, .bool(true), .any,
              "Record the loss and error at log-spaced iterations (about ten per decade)."),
        // Computed.
        .init("dimension", .computed, .integer, nil, .positive,
              "d = patch_size · patches; read-only in formulas, sweepable only with a derived patches or patch_size."),
    ]

    private static let byName: [String: ParameterDefinition] = {
        var table: [String: ParameterDefinition] = [:]
        for p in catalogue {
            table[p.name] = p
            for alias in p.aliases { table[alias] = p }
        }
        return table
    }()

    /// The parameter called `name` (or one of its aliases).
    public static func named(_ name: String) -> ParameterDefinition? { byName[name] }

    /// The keys accepted in `model:` or `solver:` (canonical names, no aliases).
    public static func keys(in section: Section) -> [String] {
        catalogue.filter { $0.section == section }.map(\.name)
    }

    /// Every name that can appear in `sweep:` (model, solver and dimension).
    public static var sweepableNames: [String] { catalogue.map(\.name) }

    /// The names whose derived values must come out as integers.
    public static var integerNames: [String] {
        catalogue.filter { if case .integer = $0.type { true } else { false } }.map(\.name)
    }
}

// MARK: - Reading a value

extension ParameterDefinition {
    /// Converts a value of this parameter's type, checking its range.
    /// Integers may be written as `2e4` when they are whole; numbers given
    /// to a real parameter become reals, so `kappa: 2` and `kappa: 2.0` are
    /// the same point.
    func value(from node: SpecNode) -> Result<ParameterValue, ValueProblem> {
        guard let s = node.scalarValue, !s.isNull else {
            return .failure(.init("expected \(type.description), found \(node.kindName)", valid: validDescription))
        }
        switch type {
        case .integer:
            if !s.quoted, let i = s.integer { return checked(.integer(i), Double(i)) }
            if !s.quoted, let x = s.real {
                let rounded = x.rounded()
                if abs(x - rounded) <= 1e-9, abs(rounded) < 9e15 { return checked(.integer(Int(rounded)), rounded) }
                return .failure(.init("'\(s.text)' is not an integer", valid: validDescription))
            }
        case .real:
            if !s.quoted, let x = s.real { return checked(.real(x), x) }
        case .bool:
            if !s.quoted, let b = s.bool { return .success(.bool(b)) }
        case .realOrAuto:
            if s.text == "auto" { return .success(.string("auto")) }
            if !s.quoted, let x = s.real { return checked(.real(x), x) }
        case .choice(let names):
            if let name = canonicalChoice(s.text) { return .success(.string(name)) }
            return .failure(.init(
                "unknown \(self.name.replacingUnderscores) '\(s.text)'" + Suggestion.hint(for: s.text, in: names),
                valid: validDescription))
        }
        return .failure(.init("expected \(type.description), found \(node.kindName) '\(s.text)'", valid: validDescription))
    }

    /// Checks a number computed by a `derived` expression.
    func value(fromNumber x: Double) -> Result<ParameterValue, ValueProblem> {
        guard x.isFinite else { return .failure(.init("is \(x), not a finite number", valid: validDescription)) }
        switch type {
        case .integer:
            let rounded = x.rounded()
            guard abs(x - rounded) <= 1e-9, abs(rounded) < 9e15 else {
                return .failure(.init("must be an integer, but the formula gives \(x)", valid: validDescription))
            }
            return checked(.integer(Int(rounded)), rounded)
        case .real, .realOrAuto: return checked(.real(x), x)
        case .bool, .choice:
            return .failure(.init("is \(type.description) and cannot be computed by a formula", valid: nil))
        }
    }

    private func canonicalChoice(_ text: String) -> String? {
        if name == "activation" { return Activation(name: text)?.name }
        if case .choice(let names) = type, names.contains(text) { return text }
        return nil
    }

    private func checked(_ value: ParameterValue, _ x: Double) -> Result<ParameterValue, ValueProblem> {
        if range.contains(x) { return .success(value) }
        return .failure(.init("\(value) is out of range", valid: validDescription))
    }
}

/// Why a value was rejected, before it is given a location.
struct ValueProblem: Error, Sendable {
    var message: String
    var valid: String?
    init(_ message: String, valid: String?) {
        self.message = message
        self.valid = valid
    }
}

extension String {
    /// `leaky_slope` → `leaky slope`, for messages.
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
