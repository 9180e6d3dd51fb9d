/// Reading the merged YAML tree into an `ExperimentSpec`: every key, type,
/// range and cross-reference is checked here, and every problem recorded.
extension ExperimentSpec {
    static let topLevelKeys = [
        "name", "title", "description", "seed", "trials", "model", "solver", "sweep", "derived",
        "charts", "claims", "profiles",
    ]

    static func read(
        _ root: SpecNode, file: String, profile: String?, diagnostics d: inout Diagnostics
    ) -> ExperimentSpec {
        // Keys starting with `x-` are the user's own (a home for YAML anchors).
        let entries = (root.entries ?? []).filter { !$0.key.hasPrefix("x-") }
        d.checkKeys(entries, allowed: topLevelKeys, "", what: "at the top level") { key in
            guard let p = ParameterDefinition.named(key), p.section != .computed else { return nil }
            return "'\(key)' belongs under \(p.section.rawValue):"
        }
        var locations: [String: SpecLocation] = [:]
        // The file's profiles are consumed before this point; one can only
        // reappear through --set.
        if let profiles = root.entries?.first(where: { $0.key == "profiles" }) {
            d.error("profiles cannot be changed with --set; choose one with --profile", at: profiles.keyLocation, "profiles")
        }

        // Identity.
        let name = d.string(root["name"], "name", required: true, at: root.location)
        if let name, let node = root["name"] {
            locations["name"] = node.location
            if !isValidIdentifier(name) {
                d.error("invalid experiment name '\(name)'", at: node.location, "name",
                        valid: "lower-case letters, digits and '-', starting with a letter or digit")
            }
        }
        let seed = d.integer(root["seed"], "seed", minimum: 0) ?? 1
        let trials = d.integer(root["trials"], "trials", minimum: 1) ?? 10

        // Fixed values.
        var fixed: [String: ParameterValue] = [:]
        for section in [ParameterDefinition.Section.model, .solver] {
            guard let node = root[section.rawValue], let entries = d.mapping(node, section.rawValue) else { continue }
            let keys = ParameterDefinition.keys(in: section)
            for entry in entries {
                let path = "\(section.rawValue).\(entry.key)"
                guard let p = ParameterDefinition.named(entry.key), p.section == section else {
                    d.checkKeys([entry], allowed: keys, section.rawValue, what: "in \(section.rawValue)") { key in
                        guard let p = ParameterDefinition.named(key) else { return nil }
                        return p.section == .computed
                            ? "dimension is patch_size · patches; set those instead"
                            : "'\(key)' belongs under \(p.section.rawValue):"
                    }
                    continue
                }
                if fixed[p.name] != nil {
                    d.error("'\(entry.key)' sets \(p.name) a second time (also at \(locations[p.name]!))",
                            at: entry.keyLocation, path)
                    continue
                }
                switch p.value(from: entry.value) {
                case .success(let v):
                    fixed[p.name] = v
                    locations[p.name] = entry.value.location
                case .failure(let problem):
                    d.error(problem.message, at: entry.value.location, path, valid: problem.valid)
                }
            }
        }

        // Sweep, then derived (which decides which free variables are legitimate).
        let sweep = readSweep(root["sweep"], diagnostics: &d, locations: &locations)
        let swept = sweep.flatMap { $0.names }
        // Free variables by the keys written, even where a list was invalid,
        // so that one bad list does not also make its name unknown in formulas.
        let free = rawSweepKeys(root["sweep"]).filter { ParameterDefinition.named($0) == nil }
        let derived = readDerived(root["derived"], swept: swept, free: free, diagnostics: &d, locations: &locations)
        // Read the names off the formulas' text, so that a formula that
        // failed to parse does not also make its variables "unused".
        let used = Set((root["derived"]?.entries ?? []).flatMap { identifiers(in: $0.value.scalarValue?.text ?? "") })
        for name in free where !used.contains(name) {
            d.error("unknown key '\(name)' in sweep" + Suggestion.hint(for: name, in: ParameterDefinition.sweepableNames)
                        + "; a name that is not a parameter may be swept only when a derived formula uses it",
                    at: locations[name] ?? root.location, sweepPath(name, in: sweep),
                    valid: ParameterDefinition.sweepableNames.joined(separator: ", "))
        }
        if swept.contains("dimension"), !derived.contains(where: { $0.name == "patches" || $0.name == "patch_size" }) {
            d.error("dimension can be swept only when patches or patch_size is derived from it, "
                        + "e.g. derived: { patches: \"dimension / patch_size\" }",
                    at: locations["dimension"]!, sweepPath("dimension", in: sweep))
        }

        // Report stage declarations.
        let parameters = ParameterDefinition.sweepableNames + free
        let charts = readItems(root["charts"], "charts", diagnostics: &d) { node, path, d in
            ChartSpec.read(node, path, parameters: parameters, diagnostics: &d)
        }
        let claims = readItems(root["claims"], "claims", diagnostics: &d) { node, path, d in
            ClaimSpec.read(node, path, parameters: parameters, diagnostics: &d)
        }
        checkUniqueIDs(root["charts"], what: "chart", diagnostics: &d)
        checkUniqueIDs(root["claims"], what: "claim", diagnostics: &d)

        return ExperimentSpec(
            file: file, name: name ?? "", title: d.string(root["title"], "title"),
            description: d.string(root["description"], "description"),
            seed: UInt64(seed), trials: trials, profile: profile, fixed: fixed, sweep: sweep,
            derived: derived, charts: charts, claims: claims, warnings: [],
            plan: Plan(experiment: name ?? "", masterSeed: UInt64(seed), trialsPerPoint: trials, points: [], varying: []),
            locations: locations)
    }

    /// Every key of `sweep:` and its zips, in order, without duplicates.
    private static func rawSweepKeys(_ sweep: SpecNode?) -> [String] {
        var keys: [String] = []
        for entry in sweep?.entries ?? [] {
            let names = entry.key == "zip"
                ? (entry.value.items ?? [entry.value]).flatMap { $0.entries?.map(\.key) ?? [] }
                : [entry.key]
            for name in names where !keys.contains(name) { keys.append(name) }
        }
        return keys
    }

    private static func identifiers(in text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    }

    private static func sweepPath(_ name: String, in sweep: [SweepAxis]) -> String {
        sweep.contains { $0.isZip && $0.names.contains(name) } ? "sweep.zip.\(name)" : "sweep.\(name)"
    }

    // MARK: sweep

    private static func readSweep(
        _ node: SpecNode?, diagnostics d: inout Diagnostics, locations: inout [String: SpecLocation]
    ) -> [SweepAxis] {
        guard let node, let entries = d.mapping(node, "sweep") else { return [] }
        var axes: [SweepAxis] = []
        var seen: [String: SpecLocation] = [:]

        // In a zip a value may repeat (only whole rows must differ, which
        // the plan checks); in a plain sweep list a repeat is a duplicate point.
        func readList(
            _ key: String, _ value: SpecNode, path: String, keyLocation: SpecLocation, inZip: Bool = false
        ) -> (String, [ParameterValue])? {
            let definition = ParameterDefinition.named(key)
            let name = definition?.name ?? key
            if let previous = seen[name] {
                d.error("\(name) is swept twice (also at \(previous)); sweep each parameter once", at: keyLocation, path)
                return nil
            }
            seen[name] = keyLocation
            locations[name] = keyLocation
            guard let items = d.list(value, path) else { return nil }
            guard !items.isEmpty else {
                d.error("empty sweep list", at: value.location, path, valid: "a list of at least one value")
                return nil
            }
            var values: [ParameterValue] = []
            var ok = true
            for (i, item) in items.enumerated() {
                let itemPath = "\(path)[\(i)]"
                var value: ParameterValue?
                if let definition {
                    switch definition.value(from: item) {
                    case .success(let v): value = v
                    case .failure(let p): d.error(p.message, at: item.location, itemPath, valid: p.valid)
                    }
                } else if let s = item.scalarValue, !s.quoted, let x = s.real {
                    // Whole numbers are integers whatever their spelling, so
                    // `2` and `2.0` name the same point (and match `where:` filters).
                    value = x == x.rounded() && abs(x) < 9e15 ? .integer(Int(x)) : .real(x)
                } else {
                    d.error("expected a number, found \(item.kindName) '\(item.excerpt)'", at: item.location, itemPath)
                }
                guard let value else { ok = false; continue }
                if !inZip, let j = values.firstIndex(of: value) {
                    d.error("\(value) is listed twice (also at [\(j)]); each point would run twice", at: item.location, itemPath)
                    ok = false
                }
                values.append(value)
            }
            return ok ? (name, values) : nil
        }

        for entry in entries {
            guard entry.key == "zip" else {
                if let (name, values) = readList(entry.key, entry.value, path: "sweep.\(entry.key)", keyLocation: entry.keyLocation) {
                    axes.append(SweepAxis(names: [name], rows: values.map { [$0] }, isZip: false))
                }
                continue
            }
            // `zip:` is one group, or a list of groups advancing independently.
            let groups = entry.value.items ?? [entry.value]
            for (g, group) in groups.enumerated() {
                let groupPath = entry.value.items == nil ? "sweep.zip" : "sweep.zip[\(g)]"
                guard let members = d.mapping(group, groupPath) else { continue }
                guard !members.isEmpty else {
                    d.error("empty zip", at: group.location, groupPath, valid: "a mapping of equal-length lists")
                    continue
                }
                var columns: [(String, [ParameterValue], SpecNode.Entry)] = []
                for member in members {
                    if let (name, values) = readList(member.key, member.value, path: "\(groupPath).\(member.key)", keyLocation: member.keyLocation, inZip: true) {
                        columns.append((name, values, member))
                    }
                }
                guard columns.count == members.count, let first = columns.first else { continue }
                var equal = true
                for (name, values, member) in columns.dropFirst() where values.count != first.1.count {
                    equal = false
                    d.error("zip lists must have equal length: \(name) has \(values.count) values, \(first.0) has \(first.1.count)",
                            at: member.value.location, "\(groupPath).\(member.key)")
                }
                guard equal else { continue }
                let rows = (0..<first.1.count).map { i in columns.map { $0.1[i] } }
                axes.append(SweepAxis(names: columns.map(\.0), rows: rows, isZip: true))
            }
        }
        return axes
    }

    // MARK: derived

    private static func readDerived(
        _ node: SpecNode?, swept: [String], free: [String], diagnostics d: inout Diagnostics,
        locations: inout [String: SpecLocation]
    ) -> [DerivedParameter] {
        let entries = node.flatMap { d.mapping($0, "derived") } ?? []
        let names = ParameterDefinition.sweepableNames + free
        let targets = ParameterDefinition.catalogue.filter { $0.section != .computed && $0.type.isNumeric }.map(\.name)
        var derived: [DerivedParameter] = []
        var locationOf: [String: SpecLocation] = [:]
        for entry in entries {
            let path = "derived.\(entry.key)"
            guard let p = ParameterDefinition.named(entry.key), targets.contains(p.name) else {
                let message = entry.key == "dimension"
                    ? "dimension is always patch_size · patches; sweep dimension and derive patches or patch_size instead"
                    : ParameterDefinition.named(entry.key) != nil
                    ? "\(entry.key) is not numeric and cannot be derived"
                    : "unknown parameter '\(entry.key)' in derived" + Suggestion.hint(for: entry.key, in: targets)
                d.error(message, at: entry.keyLocation, path, valid: targets.joined(separator: ", "))
                continue
            }
            if let previous = locationOf[p.name] {
                d.error("'\(entry.key)' derives \(p.name) a second time (also at \(previous))", at: entry.keyLocation, path)
                continue
            }
            if swept.contains(p.name) {
                d.error("\(p.name) is both swept (at \(locations[p.name]!)) and derived; choose one", at: entry.keyLocation, path)
                continue
            }
            guard let expression = d.formula(entry.value, path, allowed: names) else { continue }
            let words = expression.variables.sorted().filter { ParameterDefinition.named($0)?.type.isNumeric == false }
            for word in words {
                d.error("'\(word)' is not a number and cannot be used in a formula", at: entry.value.location, path)
            }
            guard words.isEmpty else { continue }
            derived.append(DerivedParameter(name: p.name, formula: entry.value.scalarValue?.text ?? "", expression: expression))
            locations[p.name] = entry.value.location
            locationOf[p.name] = entry.keyLocation
        }
        return orderedDerived(derived, dimensionSwept: swept.contains("dimension"), locations: locationOf, diagnostics: &d)
    }

    /// Sorts derived parameters so each comes after what it reads; a cycle
    /// is an error naming it. Unless swept, `dimension` is itself derived
    /// (as patch_size · patches), so it takes part in the ordering.
    private static func orderedDerived(
        _ derived: [DerivedParameter], dimensionSwept: Bool, locations: [String: SpecLocation],
        diagnostics d: inout Diagnostics
    ) -> [DerivedParameter] {
        var byName = Dictionary(uniqueKeysWithValues: derived.map { ($0.name, $0) })
        if !dimensionSwept {
            byName["dimension"] = DerivedParameter(
                name: "dimension", formula: "patch_size * patches",
                expression: .binary(.multiply, .variable("patch_size", offset: 0), .variable("patches", offset: 13), offset: 11))
        }
        var order: [DerivedParameter] = []
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        var reported = false
        func visit(_ name: String) {
            guard let node = byName[name], state[name] != 2 else { return }
            if state[name] == 1 {
                let cycle = stack[stack.lastIndex(of: name)!...] + [name]
                let start = cycle.first { locations[$0] != nil } ?? name
                if !reported, let location = locations[start] {
                    reported = true
                    let note = cycle.contains("dimension") && !dimensionSwept
                        ? " (dimension is patch_size · patches unless dimension is swept)" : ""
                    d.error("derived parameters form a cycle: \(cycle.joined(separator: " → "))\(note)",
                            at: location, "derived.\(start)")
                }
                return
            }
            state[name] = 1
            stack.append(name)
            for variable in node.expression.variables.sorted() { visit(variable) }
            stack.removeLast()
            state[name] = 2
            order.append(node)
        }
        for p in derived { visit(p.name) }
        visit("dimension")
        return order
    }

    // MARK: charts and claims

    private static func readItems<T>(
        _ node: SpecNode?, _ path: String, diagnostics d: inout Diagnostics,
        _ read: (SpecNode, String, inout Diagnostics) -> T?
    ) -> [T] {
        guard let node, let items = d.list(node, path) else { return [] }
        return items.enumerated().compactMap { i, item in read(item, "\(path)[\(i)]", &d) }
    }

    /// Ids name output files, so two items may not share one (checked on
    /// the raw items, so that a duplicate is found even in an invalid item).
    private static func checkUniqueIDs(_ node: SpecNode?, what: String, diagnostics d: inout Diagnostics) {
        var seen: [String: SpecLocation] = [:]
        for (i, item) in (node?.items ?? []).enumerated() {
            guard let id = item["id"]?.scalarValue else { continue }
            if let first = seen[id.text] {
                d.error("duplicate \(what) id '\(id.text)' (first at \(first))", at: id.location, "\(what)s[\(i)].id")
            } else {
                seen[id.text] = id.location
            }
        }
    }
}
