import Foundation

/// The layers laid over an experiment file before it is validated: first the
/// profile chosen with `--profile`, then each `--set key=value` flag in order.
///
/// Both work on the YAML tree, so an overridden value is validated exactly
/// like a value in the file, and its errors point at the flag.
enum Overrides {
    /// Applies profile `name` from the file's `profiles:` map and removes
    /// the map. A missing profile is an error listing those that exist,
    /// unless `optional` (then the file is used as written). Returns
    /// whether the profile was applied.
    @discardableResult
    static func applyProfile(
        _ name: String?, optional: Bool, to root: inout SpecNode, file: String,
        diagnostics: inout Diagnostics
    ) -> Bool {
        let profiles = root["profiles"]
        root.remove("profiles")
        if let profiles, profiles.entries == nil {
            diagnostics.error("expected a mapping of profile names to overrides, found \(profiles.kindName)",
                              at: profiles.location, "profiles")
            return false
        }
        for entry in profiles?.entries ?? [] where entry.value.entries == nil {
            diagnostics.error("expected a mapping of overrides, found \(entry.value.kindName)",
                              at: entry.value.location, "profiles.\(entry.key)")
        }
        guard let name else { return false }
        let available = profiles?.entries?.map(\.key) ?? []
        guard let profile = profiles?[name], profile.entries != nil else {
            if optional { return false }
            let list = available.isEmpty ? "this file defines no profiles" : "available: \(available.joined(separator: ", "))"
            diagnostics.error(
                "unknown profile '\(name)'" + Suggestion.hint(for: name, in: available),
                at: profiles?.location ?? root.location, "profiles", valid: list)
            return false
        }
        for entry in profile.entries ?? [] {
            if entry.key == "name" || entry.key == "profiles" {
                diagnostics.error("a profile cannot change '\(entry.key)'", at: entry.keyLocation,
                                  "profiles.\(name).\(entry.key)")
            }
        }
        // A profile fixing model.X or solver.X takes X out of the sweep, as --set does.
        for section in ["model", "solver"] {
            for entry in profile[section]?.entries ?? [] {
                unsweep(entry.key, in: &root, because: entry.keyLocation,
                        keyPath: "profiles.\(name).\(section).\(entry.key)", diagnostics: &diagnostics)
            }
        }
        root = root.merged(with: profile)
        return true
    }

    /// Applies `--set key=value` flags in order. The value is read as a YAML
    /// scalar or flow collection (`500`, `relu`, `[1000, 2000]`).
    static func apply(
        _ overrides: [String], to root: inout SpecNode, file: String, diagnostics: inout Diagnostics
    ) {
        for text in overrides {
            let flag = SpecLocation.flag(text, file: file)
            guard let equals = text.firstIndex(of: "=") else {
                diagnostics.error("expected key=value, e.g. solver.max_iterations=500", at: flag, "")
                continue
            }
            let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
            let valueText = String(text[text.index(after: equals)...])
            let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !key.isEmpty, !path.contains(where: \.isEmpty) else {
                diagnostics.error("'\(key)' is not a dotted key path such as model.kernels", at: flag, key)
                continue
            }
            let value: SpecNode
            do {
                value = try SpecNode.parse(yaml: valueText, file: file, origin: text)
                    ?? .scalar(.init(text: "", quoted: false, isNull: true, location: flag))
            } catch {
                diagnostics.append(error)
                continue
            }
            if path.count == 2, path[0] == "model" || path[0] == "solver" {
                unsweep(path[1], in: &root, because: flag, keyPath: key, diagnostics: &diagnostics)
            }
            if !root.set(path[...], to: value, keyLocation: flag) {
                diagnostics.error("cannot set '\(key)': a part of the path is not a mapping", at: flag, key)
            }
        }
    }

    /// Takes parameter `key` out of `sweep:` and `derived:` because it is
    /// being given one fixed value. Inside a zip that would change the
    /// length of one list only, so it is an error instead.
    private static func unsweep(
        _ key: String, in root: inout SpecNode, because location: SpecLocation, keyPath: String,
        diagnostics: inout Diagnostics
    ) {
        let canonical = ParameterDefinition.named(key)?.name ?? key
        func same(_ other: String) -> Bool { (ParameterDefinition.named(other)?.name ?? other) == canonical }
        for entry in root["sweep"]?.entries ?? [] where entry.key == "zip" {
            let groups = entry.value.items ?? [entry.value]
            for group in groups {
                if let partner = group.entries?.first(where: { same($0.key) }) {
                    let others = group.entries!.map(\.key).filter { !same($0) }
                    diagnostics.error(
                        "cannot fix '\(key)': it is swept in a zip together with \(others.joined(separator: ", ")) "
                            + "(at \(partner.keyLocation)); set the zip's lists instead, e.g. --set sweep.zip.\(partner.key)=[…]",
                        at: location, keyPath)
                }
            }
        }
        root.modify("sweep") { sweep in
            for entry in sweep.entries ?? [] where entry.key != "zip" && same(entry.key) { sweep.remove(entry.key) }
        }
        root.modify("derived") { derived in
            for entry in derived.entries ?? [] where same(entry.key) { derived.remove(entry.key) }
        }
    }
}
