/// Typed reads of YAML values that record a located error instead of
/// throwing, so one pass over a file finds every problem in it.
extension Diagnostics {
    /// The entries of a mapping, or an error when `node` is something else.
    mutating func mapping(_ node: SpecNode, _ path: String) -> [SpecNode.Entry]? {
        if let entries = node.entries { return entries }
        error("expected a mapping, found \(node.kindName)", at: node.location, path)
        return nil
    }

    /// The items of a list, or an error.
    mutating func list(_ node: SpecNode, _ path: String) -> [SpecNode]? {
        if let items = node.items { return items }
        error("expected a list, found \(node.kindName) '\(node.excerpt)'", at: node.location, path)
        return nil
    }

    /// Reports every key not in `allowed` ("did you mean"); `what` names the
    /// mapping in the message ("in model", "in a chart").
    mutating func checkKeys(
        _ entries: [SpecNode.Entry], allowed: [String], _ path: String, what: String,
        elsewhere: (String) -> String? = { _ in nil }
    ) {
        for entry in entries where !allowed.contains(entry.key) {
            let keyPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
            var message = "unknown key '\(entry.key)' \(what)"
            if let hint = elsewhere(entry.key) {
                message += "; \(hint)"
            } else {
                message += Suggestion.hint(for: entry.key, in: allowed)
            }
            error(message, at: entry.keyLocation, keyPath, valid: allowed.joined(separator: ", "))
        }
    }

    mutating func string(_ node: SpecNode?, _ path: String, required: Bool = false, at parent: SpecLocation? = nil) -> String? {
        guard let node else {
            if required, let parent { error("missing required key", at: parent, path) }
            return nil
        }
        guard let s = node.scalarValue, !s.isNull else {
            error("expected a string, found \(node.kindName)", at: node.location, path)
            return nil
        }
        return s.text
    }

    mutating func bool(_ node: SpecNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard let s = node.scalarValue, !s.quoted, let b = s.bool else {
            error("expected true or false, found \(node.kindName) '\(node.excerpt)'", at: node.location, path, valid: "true, false")
            return nil
        }
        return b
    }

    mutating func number(_ node: SpecNode?, _ path: String) -> Double? {
        guard let node else { return nil }
        guard let s = node.scalarValue, !s.quoted, let x = s.real, x.isFinite else {
            error("expected a number, found \(node.kindName) '\(node.excerpt)'", at: node.location, path)
            return nil
        }
        return x
    }

    /// A non-negative integer (seeds, counts), checked against `minimum`.
    mutating func integer(_ node: SpecNode?, _ path: String, minimum: Int) -> Int? {
        guard let node else { return nil }
        guard let s = node.scalarValue, !s.quoted, let i = s.integer else {
            error("expected an integer, found \(node.kindName) '\(node.excerpt)'", at: node.location, path,
                  valid: "an integer ≥ \(minimum)")
            return nil
        }
        guard i >= minimum else {
            error("\(i) is out of range", at: node.location, path, valid: "an integer ≥ \(minimum)")
            return nil
        }
        return i
    }

    /// A `{parameter: value}` filter, as in a chart's or claim's `where:`.
    /// Values of catalogue parameters are checked and normalised like
    /// file values, so `{kappa: 2}` matches points whose kappa is 2.0.
    mutating func parameterFilter(
        _ node: SpecNode?, _ path: String, parameters: [String]
    ) -> [String: ParameterValue] {
        guard let node, let entries = mapping(node, path) else { return [:] }
        var filter: [String: ParameterValue] = [:]
        for entry in entries {
            let keyPath = "\(path).\(entry.key)"
            guard parameters.contains(entry.key) || ParameterDefinition.named(entry.key) != nil else {
                error("unknown parameter '\(entry.key)'" + Suggestion.hint(for: entry.key, in: parameters),
                      at: entry.keyLocation, keyPath, valid: parameters.joined(separator: ", "))
                continue
            }
            if let definition = ParameterDefinition.named(entry.key) {
                switch definition.value(from: entry.value) {
                case .success(let v): filter[definition.name] = v
                case .failure(let p): error(p.message, at: entry.value.location, keyPath, valid: p.valid)
                }
            } else if let x = number(entry.value, keyPath) {
                filter[entry.key] = x == x.rounded() && abs(x) < 9e15 ? .integer(Int(x)) : .real(x)
            }
        }
        return filter
    }

    /// Parses a formula held in a YAML string, pointing errors at the column
    /// inside the string; checks that it reads only `allowed` names.
    mutating func formula(_ node: SpecNode, _ path: String, allowed: [String]) -> Expression? {
        guard let s = node.scalarValue, !s.isNull else {
            error("expected a formula string, found \(node.kindName)", at: node.location, path)
            return nil
        }
        // A quoted string's text starts one column after its opening quote.
        let origin = s.location.advanced(by: s.quoted && !s.text.contains("\n") ? 1 : 0)
        let expression: Expression
        do {
            expression = try Expression.parse(s.text)
        } catch {
            self.error("cannot parse formula '\(s.text)': \(error.message) at character \(error.offset + 1)",
                       at: origin.advanced(by: error.offset), path)
            return nil
        }
        var ok = true
        for name in expression.variables.sorted() where !allowed.contains(name) {
            ok = false
            let offset = Self.offset(of: name, in: expression) ?? 0
            error("unknown name '\(name)' in formula" + Suggestion.hint(for: name, in: allowed),
                  at: origin.advanced(by: offset), path, valid: allowed.joined(separator: ", "))
        }
        return ok ? expression : nil
    }

    static func offset(of name: String, in expression: Expression) -> Int? {
        switch expression {
        case .number: nil
        case .variable(let n, let offset): n == name ? offset : nil
        case .negate(let e): offset(of: name, in: e)
        case .binary(_, let a, let b, _): offset(of: name, in: a) ?? offset(of: name, in: b)
        case .call(_, let args, _): args.lazy.compactMap { offset(of: name, in: $0) }.first
        }
    }
}
