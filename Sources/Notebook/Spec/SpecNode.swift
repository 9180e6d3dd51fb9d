import Foundation
import Yams

/// The YAML document as a plain, `Sendable` tree that remembers where every
/// value came from.
///
/// Yams' `Node` is a class-backed, non-`Sendable` type whose marks are lost
/// once values are decoded. Converting once into this tree lets profiles and
/// `--set` overrides be merged as ordinary values while each one keeps its
/// own `SpecLocation`, so a late error still points at the right text.
indirect enum SpecNode: Sendable {
    case scalar(Scalar)
    case sequence([SpecNode], SpecLocation)
    case mapping([Entry], SpecLocation)

    /// A scalar with the types YAML's resolver gives its text.
    struct Scalar: Sendable {
        var text: String
        /// Quoted scalars are always strings: `"2"` is not a number.
        var quoted: Bool
        var isNull: Bool
        var bool: Bool?
        var integer: Int?
        var real: Double?
        var location: SpecLocation
    }

    struct Entry: Sendable {
        var key: String
        var keyLocation: SpecLocation
        var value: SpecNode
    }

    var location: SpecLocation {
        switch self {
        case .scalar(let s): s.location
        case .sequence(_, let l), .mapping(_, let l): l
        }
    }

    var entries: [Entry]? {
        if case .mapping(let e, _) = self { return e }
        return nil
    }

    var items: [SpecNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var scalarValue: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The value under `key` of a mapping.
    subscript(key: String) -> SpecNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What the user wrote, for messages (`[1, 2]`, `{…}` or the scalar text).
    var excerpt: String {
        switch self {
        case .scalar(let s): s.text
        case .sequence(let items, _): "[" + items.map(\.excerpt).joined(separator: ", ") + "]"
        case .mapping: "{…}"
        }
    }

    /// A word for the kind of value, for "expected a list, found a number".
    var kindName: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s):
            if s.isNull { "nothing (null)" }
            else if s.bool != nil && !s.quoted { "a boolean" }
            else if s.integer != nil || s.real != nil { "a number" }
            else { "a string" }
        }
    }
}

// MARK: - Reading YAML

extension SpecNode {
    /// Parses `yaml`; a syntax error becomes a located `SpecError`.
    ///
    /// `origin` makes every location of the result a `--set` flag location
    /// instead of a file position (for values given on the command line).
    static func parse(
        yaml: String, file: String, origin: String? = nil
    ) throws(SpecErrors) -> SpecNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            let location: SpecLocation
            let message: String
            switch error as? YamlError {
            case .scanner(let context, let problem, let mark, _),
                .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                location = SpecLocation(file: file, line: mark.line, column: mark.column)
                message = "YAML syntax error: \(problem)"
                    + (context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? "")
            case .duplicatedKeysInMapping(let duplicates, let context):
                location = SpecLocation(file: file, line: context.mark.line, column: context.mark.column)
                message = "duplicate key '\(duplicates.first ?? "")' in a mapping; each key may appear once"
            default:
                location = SpecLocation(file: file, line: 0, column: 0)
                message = "cannot read YAML: \(error)"
            }
            let at = origin.map { SpecLocation.flag($0, file: file) } ?? location
            throw SpecErrors([SpecError(message, at: at, keyPath: "")])
        }
        return root.map { SpecNode(node: $0, file: file, origin: origin) }
    }

    init(node: Node, file: String, origin: String?) {
        func location(_ mark: Mark?) -> SpecLocation {
            if let origin { return .flag(origin, file: file) }
            return SpecLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
        }
        switch node {
        case .scalar(let s):
            let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
                || s.style == .literal || s.style == .folded
            var scalar = Scalar(
                text: s.string, quoted: quoted, isNull: false, bool: nil, integer: nil, real: nil,
                location: location(s.mark))
            if !quoted {
                switch Tag.Name(rawValue: node.tag.rawValue) {
                case .null: scalar.isNull = true
                case .bool: scalar.bool = node.bool
                case .int:
                    scalar.integer = node.int
                    scalar.real = node.float ?? node.int.map(Double.init)
                case .float: scalar.real = node.float
                default:
                    // Accept `1e-10` (YAML 1.1 insists on a dot) as a number.
                    if let value = Double(s.string), value.isFinite { scalar.real = value }
                }
            }
            self = .scalar(scalar)
        case .sequence(let seq):
            self = .sequence(seq.map { SpecNode(node: $0, file: file, origin: origin) }, location(seq.mark))
        case .mapping(let map):
            let entries = map.map { pair in
                Entry(
                    key: pair.key.string ?? pair.key.scalar?.string ?? "\(pair.key)",
                    keyLocation: location(pair.key.mark),
                    value: SpecNode(node: pair.value, file: file, origin: origin))
            }
            self = .mapping(entries, location(map.mark))
        case .alias(let alias):
            self = .scalar(Scalar(
                text: "*\(alias.anchor)", quoted: true, isNull: false, bool: nil, integer: nil,
                real: nil, location: location(alias.mark)))
        }
    }
}

// MARK: - Editing (profiles and overrides)

extension SpecNode {
    /// `other` laid over `self`: mappings merge key by key, recursively;
    /// anything else (a scalar, a list) is replaced whole.
    func merged(with other: SpecNode) -> SpecNode {
        guard case .mapping(var mine, let location) = self, case .mapping(let theirs, _) = other else {
            return other
        }
        for entry in theirs {
            if let i = mine.firstIndex(where: { $0.key == entry.key }) {
                mine[i].value = mine[i].value.merged(with: entry.value)
            } else {
                mine.append(entry)
            }
        }
        return .mapping(mine, location)
    }

    /// Sets the value at `path`, creating mappings on the way.
    /// Returns false when a non-mapping is in the way.
    mutating func set(
        _ path: ArraySlice<String>, to value: SpecNode, keyLocation: SpecLocation
    ) -> Bool {
        guard let key = path.first else {
            self = value
            return true
        }
        guard case .mapping(var entries, let location) = self else { return false }
        if let i = entries.firstIndex(where: { $0.key == key }) {
            guard entries[i].value.set(path.dropFirst(), to: value, keyLocation: keyLocation) else {
                return false
            }
        } else {
            var child = SpecNode.mapping([], keyLocation)
            _ = child.set(path.dropFirst(), to: value, keyLocation: keyLocation)
            entries.append(Entry(key: key, keyLocation: keyLocation, value: child))
        }
        self = .mapping(entries, location)
        return true
    }

    /// Removes `key` from this mapping (no effect on other kinds).
    mutating func remove(_ key: String) {
        guard case .mapping(var entries, let location) = self else { return }
        entries.removeAll { $0.key == key }
        self = .mapping(entries, location)
    }

    /// Applies `edit` to the value under `key` of this mapping, if present.
    mutating func modify(_ key: String, _ edit: (inout SpecNode) -> Void) {
        guard case .mapping(var entries, let location) = self,
              let i = entries.firstIndex(where: { $0.key == key }) else { return }
        edit(&entries[i].value)
        self = .mapping(entries, location)
    }
}
