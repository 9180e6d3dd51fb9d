import Foundation

/// One experiment file, parsed, validated and expanded into its plan.
///
/// A value of this type is always valid: construction either succeeds with
/// a complete `plan` or throws `SpecErrors` listing every problem of the
/// file (YAML syntax, unknown keys, types, ranges, formulas, and the
/// per-point checks of the expanded plan). The runner needs nothing else.
///
/// Layers are applied in this order, all before validation: the file, the
/// profile chosen with `profile:`, then the `--set` overrides in order.
public struct ExperimentSpec: Sendable {
    /// The file the spec was read from (as given).
    public let file: String
    /// `[a-z0-9][a-z0-9-]*`; results go to `<output>/<name>/`.
    public let name: String
    public let title: String?
    /// Markdown shown at the top of the report.
    public let description: String?
    /// The master seed every trial seed is derived from.
    public let seed: UInt64
    /// Trials per point.
    public let trials: Int
    /// The profile that was applied, if any.
    public let profile: String?
    /// Values written in `model:` and `solver:` (canonical names; defaults
    /// are not listed here but are filled into every plan point).
    public let fixed: [String: ParameterValue]
    /// The sweep axes, in file order; their Cartesian product is the plan.
    public let sweep: [SweepAxis]
    /// Parameters computed from others, in evaluation order. Unless
    /// `dimension` is swept, this includes `dimension = patch_size * patches`.
    public let derived: [DerivedParameter]
    public let charts: [ChartSpec]
    public let claims: [ClaimSpec]
    /// Problems that do not stop a run (e.g. a `perturbation` that no point uses).
    public internal(set) var warnings: [SpecError]
    /// The expanded plan: every point and trial with its seed.
    public internal(set) var plan: Plan

    /// Where each parameter got its value, for errors found at plan time.
    let locations: [String: SpecLocation]

    /// Reads, validates and expands one experiment file.
    ///
    /// - Parameters:
    ///   - profile: the profile to apply (`--profile`), or nil.
    ///   - overrides: `--set` flags as `key=value` strings, applied in order.
    ///   - profileOptional: when true, a file without the named profile is
    ///     used as written (for `reproduce --profile quick` over files of
    ///     which only some define `quick`); when false that is an error.
    public static func load(
        path: String, profile: String? = nil, overrides: [String] = [], profileOptional: Bool = false
    ) throws(SpecErrors) -> ExperimentSpec {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SpecErrors([SpecError("cannot read the file: \(error.localizedDescription)",
                                        at: SpecLocation(file: path, line: 0, column: 0), keyPath: "")])
        }
        return try parse(yaml: text, file: path, profile: profile, overrides: overrides, profileOptional: profileOptional)
    }

    /// Like `load(path:…)`, for YAML already in memory; `file` names it in errors.
    public static func parse(
        yaml: String, file: String = "<input>", profile: String? = nil, overrides: [String] = [],
        profileOptional: Bool = false
    ) throws(SpecErrors) -> ExperimentSpec {
        var diagnostics = Diagnostics()
        guard var root = try SpecNode.parse(yaml: yaml, file: file) else {
            throw SpecErrors([SpecError("the file is empty; an experiment needs at least a name",
                                        at: SpecLocation(file: file, line: 1, column: 1), keyPath: "")])
        }
        guard root.entries != nil else {
            throw SpecErrors([SpecError("expected a mapping of keys (name, model, sweep, …), found \(root.kindName)",
                                        at: root.location, keyPath: "")])
        }
        // `model:` with every line commented out is an empty section, not an error.
        for entry in root.entries ?? [] where sectionKeys.contains(entry.key) && entry.value.scalarValue?.isNull == true {
            root.remove(entry.key)
        }
        let applied = Overrides.applyProfile(
            profile, optional: profileOptional, to: &root, file: file, diagnostics: &diagnostics) ? profile : nil
        Overrides.apply(overrides, to: &root, file: file, diagnostics: &diagnostics)
        var spec = read(root, file: file, profile: applied, diagnostics: &diagnostics)
        // Expand the plan unless a problem could have changed it (a bad value
        // replaced by its default would give misleading point errors), so
        // that, say, a chart typo and kernels > patch_size are reported together.
        if !diagnostics.errors.contains(where: affectsPlan) {
            spec.plan = Plan.expand(spec, diagnostics: &diagnostics)
            spec.warnings = diagnostics.warnings + spec.usageWarnings()
        }
        try diagnostics.throwIfAny()
        return spec
    }

    /// Keys whose errors leave the points of the plan intact.
    private static let planIndependentKeys: Set<String> = ["name", "title", "description", "seed", "trials", "charts", "claims"]

    private static func affectsPlan(_ error: SpecError) -> Bool {
        let head = error.keyPath.prefix { $0 != "." && $0 != "[" }
        return !planIndependentKeys.contains(String(head))
    }

    /// Loads several files, reporting the errors of all of them together,
    /// plus any experiment name used by more than one file (naming both).
    public static func loadAll(
        paths: [String], profile: String? = nil, overrides: [String] = [], profileOptional: Bool = false
    ) throws(SpecErrors) -> [ExperimentSpec] {
        var specs: [ExperimentSpec] = []
        var errors: [SpecError] = []
        for path in paths {
            do {
                specs.append(try load(path: path, profile: profile, overrides: overrides, profileOptional: profileOptional))
            } catch {
                errors += error.errors
            }
        }
        var firstByName: [String: ExperimentSpec] = [:]
        for spec in specs {
            if let first = firstByName[spec.name] {
                errors.append(SpecError(
                    "experiment name '\(spec.name)' is also used by \(first.file) (at \(first.locations["name"]!)); "
                        + "results of both would go to the same folder",
                    at: spec.locations["name"]!, keyPath: "name", valid: "a name unique across the files"))
            } else {
                firstByName[spec.name] = spec
            }
        }
        if !errors.isEmpty { throw SpecErrors(errors) }
        return specs
    }

    static let sectionKeys = ["model", "solver", "sweep", "derived", "profiles", "charts", "claims"]

    /// `[a-z0-9][a-z0-9-]*`: safe as a folder and file name everywhere.
    public static func isValidIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII,
              first.properties.isLowercase || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isLowercase || ("0"..."9").contains($0) || $0 == "-")
        }
    }

    /// Warnings that need the expanded plan.
    func usageWarnings() -> [SpecError] {
        var warnings: [SpecError] = []
        if fixed["perturbation"] != nil,
           !plan.points.contains(where: { $0.values["init"] == .string("perturbed") }),
           let location = locations["perturbation"] {
            warnings.append(SpecError(
                "perturbation is set but no point uses init: perturbed, so it has no effect",
                at: location, keyPath: "solver.perturbation", severity: .warning))
        }
        return warnings
    }
}

/// One factor of the sweep's Cartesian product: a single swept parameter,
/// or a `zip` group whose lists advance together.
public struct SweepAxis: Hashable, Sendable {
    /// The swept names (one, or several for a zip), canonical spelling.
    public let names: [String]
    /// One row per step of the axis; `rows[i][j]` is the value of `names[j]`.
    public let rows: [[ParameterValue]]
    public let isZip: Bool
}

/// A parameter computed by a formula from others (`derived:`).
public struct DerivedParameter: Hashable, Sendable {
    public let name: String
    /// The formula as written.
    public let formula: String
    public let expression: Expression
}
