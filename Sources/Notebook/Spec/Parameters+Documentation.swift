/// The parameter reference of `docs/experiment-format.md`, generated from
/// the catalogue so that documentation and validation cannot disagree
/// (a test compares the two).
extension ParameterDefinition {
    /// A Markdown table of the parameters of `section`.
    public static func referenceTable(_ section: Section) -> String {
        var lines = [
            "| key | type | default | valid | meaning |",
            "|---|---|---|---|---|",
        ]
        for p in catalogue where p.section == section {
            let key = ([p.name] + p.aliases).map { "`\($0)`" }.joined(separator: " (alias ") + (p.aliases.isEmpty ? "" : ")")
            let defaultText: String
            switch p.name {
            case "learn_signs": defaultText = "`signs == random`"
            case "dimension": defaultText = "patch_size · patches"
            default: defaultText = p.defaultValue.map { "`\($0)`" } ?? "—"
            }
            let valid: String
            switch p.type {
            case .choice(let names): valid = names.map { "`\($0)`" }.joined(separator: ", ")
            case .bool: valid = "`true`, `false`"
            default: valid = p.validDescription
            }
            let type: String
            switch p.type {
            case .choice: type = "name"
            case .realOrAuto: type = "`auto` or number"
            default: type = p.type.description
            }
            lines.append("| \(key) | \(type) | \(defaultText) | \(valid) | \(p.help) |")
        }
        return lines.joined(separator: "\n")
    }
}
