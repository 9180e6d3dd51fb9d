/// Expanding a validated spec into points: Cartesian product of the sweep
/// axes, derived formulas evaluated, and the checks that need a whole point
/// (t ≤ k, identifiable signs, integer results).
extension Plan {
    static func expand(_ spec: ExperimentSpec, diagnostics d: inout Diagnostics) -> Plan {
        var base: [String: ParameterValue] = [:]
        for p in ParameterDefinition.catalogue {
            if let v = spec.fixed[p.name] ?? p.defaultValue { base[p.name] = v }
        }
        let sweptNames = spec.sweep.flatMap(\.names)
        var problems = PointProblems(spec: spec, swept: sweptNames)

        var points: [PlanPoint] = []
        var seen: [String: Int] = [:]
        var step = [Int](repeating: 0, count: spec.sweep.count)
        let sizes = spec.sweep.map(\.rows.count)
        if sizes.contains(0) { return Plan(experiment: spec.name, masterSeed: spec.seed, trialsPerPoint: spec.trials, points: [], varying: []) }
        repeat {
            var values = base
            for (axis, row) in zip(spec.sweep, step) {
                for (name, value) in zip(axis.names, axis.rows[row]) { values[name] = value }
            }
            if let point = evaluate(values, spec: spec, problems: &problems) {
                let candidate = PlanPoint(index: points.count, values: point)
                if let first = seen[candidate.key] {
                    problems.report("duplicate", at: sweptNames.first.flatMap { spec.locations[$0] }, "sweep",
                                    "two sweep steps give the same point (\(candidate.label(sweptNames))), first as point \(first + 1)",
                                    point: point)
                } else {
                    seen[candidate.key] = points.count
                    points.append(candidate)
                }
            }
        } while advance(&step, sizes: sizes)
        problems.flush(into: &d)

        let names = ParameterDefinition.catalogue.map(\.name) + sweptNames.filter { ParameterDefinition.named($0) == nil }
        let varying = names.filter { name in
            guard let first = points.first?.values[name] else { return false }
            return points.contains { $0.values[name] != first }
        }
        return Plan(experiment: spec.name, masterSeed: spec.seed, trialsPerPoint: spec.trials, points: points, varying: varying)
    }

    /// Odometer over the axes, last axis fastest. False after the last step.
    private static func advance(_ step: inout [Int], sizes: [Int]) -> Bool {
        var i = step.count - 1
        while i >= 0 {
            step[i] += 1
            if step[i] < sizes[i] { return true }
            step[i] = 0
            i -= 1
        }
        return false
    }

    /// Computes derived values and checks one point; nil if it is invalid.
    private static func evaluate(
        _ input: [String: ParameterValue], spec: ExperimentSpec, problems: inout PointProblems
    ) -> [String: ParameterValue]? {
        var values = input
        var ok = true
        for derived in spec.derived {
            let definition = ParameterDefinition.named(derived.name)!
            let keyPath = derived.name == "dimension" ? "model" : "derived.\(derived.name)"
            let location = spec.locations[derived.name] ?? spec.locations["patches"] ?? spec.locations["patch_size"]
            let x: Double
            do {
                x = try derived.expression.evaluate { values[$0]?.number }
            } catch {
                problems.report("eval-\(derived.name)", at: location, keyPath,
                                "\(derived.formula): \(error.message)", point: values)
                ok = false
                continue
            }
            switch definition.value(fromNumber: x) {
            case .success(let v): values[derived.name] = v
            case .failure(let p):
                problems.report("range-\(derived.name)", at: location, keyPath,
                                "\(derived.name) = \(derived.formula) \(p.message)", valid: p.valid, point: values)
                ok = false
            }
        }
        guard ok else { return nil }
        if values["learn_signs"] == nil { values["learn_signs"] = .bool(values["signs"] == .string("random")) }

        let k = values["patch_size"]!.integer!, t = values["kernels"]!.integer!, r = values["patches"]!.integer!
        if t > k {
            let at = spec.locations["kernels"] ?? spec.locations["patch_size"]
            problems.report("t>k", at: at, spec.locations["kernels"] != nil ? "model.kernels" : "model.patch_size",
                            "kernels (t = \(t)) must be at most patch_size (k = \(k)): t kernels of length k are recoverable only when t ≤ k",
                            valid: "1 ≤ kernels ≤ patch_size", point: values)
            ok = false
        }
        if let d = values["dimension"]?.integer, d != k * r {
            problems.report("dimension", at: spec.locations["dimension"], "sweep.dimension",
                            "dimension \(d) is not patch_size · patches = \(k) · \(r) = \(k * r)", point: values)
            ok = false
        }
        if values["signs"] == .string("random"), let a = values["activation"]?.string, a == "sigmoid" || a == "tanh" {
            problems.report("signs", at: spec.locations["signs"] ?? spec.locations["activation"], "model.signs",
                            "output signs are not identifiable for sigmoid/tanh (φ is odd up to a constant, so −φ(z) mimics a sign flip)",
                            valid: "signs: ones with \(a)", point: values)
            ok = false
        }
        return ok ? values : nil
    }
}

/// Problems found point by point, reported once per cause and place, with
/// the first offending point named and a count of the others, so that one
/// bad formula in a sweep of a thousand points gives one message.
private struct PointProblems {
    let spec: ExperimentSpec
    let swept: [String]
    private var order: [String] = []
    private var found: [String: (error: SpecError, more: Int)] = [:]

    init(spec: ExperimentSpec, swept: [String]) {
        self.spec = spec
        self.swept = swept
    }

    mutating func report(
        _ rule: String, at location: SpecLocation?, _ keyPath: String, _ message: String,
        valid: String? = nil, point: [String: ParameterValue]
    ) {
        let location = location ?? SpecLocation(file: spec.file, line: 0, column: 0)
        let id = "\(rule)|\(location)"
        if let existing = found[id] {
            found[id] = (existing.error, existing.more + 1)
            return
        }
        let label = PlanPoint(index: 0, values: point).label(swept)
        let text = label.isEmpty ? message : "at point (\(label)): \(message)"
        found[id] = (SpecError(text, at: location, keyPath: keyPath, valid: valid), 0)
        order.append(id)
    }

    func flush(into d: inout Diagnostics) {
        for id in order {
            let (e, more) = found[id]!
            let message = more == 0 ? e.message : "\(e.message) (and \(more) more point\(more == 1 ? "" : "s"))"
            d.error(message, at: e.location, e.keyPath, valid: e.valid)
        }
    }
}
