/// Where a value of an experiment came from: a place in a YAML file, or a
/// `--set key=value` flag given on the command line.
///
/// Every value keeps its origin through profile merging and `--set`
/// overrides, so that an error found late (say, while expanding the plan)
/// still points the user at the text they have to change.
public struct SpecLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file the value was read from (as given by the caller).
    public let file: String
    /// Line, starting at 1 (0 when unknown).
    public let line: Int
    /// Column in Unicode scalars, starting at 1 (0 when unknown).
    public let column: Int
    /// The whole `key=value` text when the value came from `--set`.
    public let override: String?

    public init(file: String, line: Int, column: Int, override: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.override = override
    }

    /// The location of a `--set` flag.
    public static func flag(_ text: String, file: String) -> SpecLocation {
        SpecLocation(file: file, line: 0, column: 0, override: text)
    }

    /// `file:line:column`, or `--set key=value` for a flag.
    public var description: String {
        if let override { return "--set \(override)" }
        if line == 0 { return file }
        return "\(file):\(line):\(column)"
    }

    /// Flags sort after the file's own locations; file positions in reading order.
    public static func < (a: SpecLocation, b: SpecLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.override == nil) != (b.override == nil) { return a.override == nil }
        return (a.line, a.column, a.override ?? "") < (b.line, b.column, b.override ?? "")
    }

    /// The location `offset` scalars further along the same line (for a
    /// position inside an expression string).
    func advanced(by offset: Int) -> SpecLocation {
        guard override == nil, line > 0 else { return self }
        return SpecLocation(file: file, line: line, column: column + offset)
    }
}

/// One problem found in an experiment file.
///
/// Formatted as a compiler diagnostic, so editors can jump to it:
/// `experiments/samples.yaml:12:5: sweep.activation[1]: unknown activation
/// 'relu3'; did you mean 'relu'? (valid: relu, leaky-relu, …)`.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable { case error, warning }

    public let location: SpecLocation
    /// The dotted key path of the offending value, e.g. `sweep.zip.patches[2]`.
    public let keyPath: String
    /// What is wrong, including any "did you mean" suggestion.
    public let message: String
    /// What would be accepted (shown as `(valid: …)`), if that can be said briefly.
    public let valid: String?
    public let severity: Severity

    public init(
        _ message: String, at location: SpecLocation, keyPath: String,
        valid: String? = nil, severity: Severity = .error
    ) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.valid = valid
        self.severity = severity
    }

    public var file: String { location.file }
    public var line: Int { location.line }
    public var column: Int { location.column }

    public var description: String {
        var text = "\(location): "
        if severity == .warning { text += "warning: " }
        if !keyPath.isEmpty { text += "\(keyPath): " }
        text += message
        if let valid { text += " (valid: \(valid))" }
        return text
    }
}

/// Every error of one or more experiment files, reported together.
///
/// Validation never stops at the first problem: a user fixing a file wants
/// the whole list in one go. Warnings never make a load fail; they travel on
/// the loaded spec instead (`ExperimentSpec.warnings`).
public struct SpecErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [SpecError]

    public init(_ errors: [SpecError]) { self.errors = errors }

    /// One diagnostic per line, in file and reading order.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a file is read; `throwIfAny` ends a stage.
struct Diagnostics: Sendable {
    private(set) var errors: [SpecError] = []
    private(set) var warnings: [SpecError] = []

    var isEmpty: Bool { errors.isEmpty }

    mutating func error(
        _ message: String, at location: SpecLocation, _ keyPath: String, valid: String? = nil
    ) {
        let e = SpecError(message, at: location, keyPath: keyPath, valid: valid)
        if !errors.contains(e) { errors.append(e) }
    }

    mutating func warning(_ message: String, at location: SpecLocation, _ keyPath: String) {
        warnings.append(SpecError(message, at: location, keyPath: keyPath, severity: .warning))
    }

    mutating func append(_ other: SpecErrors) {
        for e in other.errors where !errors.contains(e) { errors.append(e) }
    }

    mutating func merge(_ other: Diagnostics) {
        for e in other.errors where !errors.contains(e) { errors.append(e) }
        warnings += other.warnings
    }

    func throwIfAny() throws(SpecErrors) {
        if !errors.isEmpty { throw SpecErrors(sorted(errors)) }
    }

    func sorted(_ list: [SpecError]) -> [SpecError] {
        list.enumerated().sorted { a, b in
            a.element.location == b.element.location
                ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }
}
