import Foundation

/// A JSON value with a deterministic text form: object keys sorted, numbers
/// in Swift's shortest round-trip form (so a Double read back is the same
/// Double), non-finite numbers as the strings "NaN", "Infinity",
/// "-Infinity". Result files are compared byte for byte across runs, so the
/// text form must never depend on dictionary order.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Compact, sorted-key JSON text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let x):
            if x.isNaN { out += "\"NaN\"" } else if x.isInfinite { out += x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            else if x == x.rounded(), abs(x) < 1e15 { out += String(format: "%.1f", x) }
            else { out += "\(x)" }
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let values):
            out += "["
            for (i, v) in values.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Indented text for people (`convrec solve --json`).
    public var prettyText: String {
        var out = ""
        writePretty(to: &out, indent: "")
        return out
    }

    func writePretty(to out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let values) where !values.isEmpty && values.contains(where: { $0.isContainer }):
            out += "[\n"
            for (i, v) in values.enumerated() {
                out += inner
                v.writePretty(to: &out, indent: inner)
                out += i + 1 < values.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (i, key) in members.keys.sorted().enumerated() {
                out += inner
                JSONValue.writeString(key, to: &out)
                out += ": "
                members[key]!.writePretty(to: &out, indent: inner)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        default: write(to: &out)
        }
    }

    var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    /// Parses JSON text (see `JSONParser`).
    public init(parsing text: String) throws {
        self = try JSONParser.parse(text)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The number this value holds, reading the non-finite strings back.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let x): x
        case .string("NaN"): .nan
        case .string("Infinity"): .infinity
        case .string("-Infinity"): -.infinity
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var intValue: Int? {
        switch self {
        case .integer(let i): i
        case .number(let x) where x == x.rounded() && abs(x) < 9e15: Int(x)
        default: nil
        }
    }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
}
