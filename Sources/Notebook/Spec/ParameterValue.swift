import ConvRecovery

/// The value of one parameter at one point of the plan.
///
/// Typed rather than a bare `Double` so that `samples: 20000` stays the
/// integer 20000 (its cache key, seed and report label never read
/// `20000.0`), and so that names such as `activation` carry their text.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case string(String)
    case bool(Bool)

    /// The canonical text: integers in decimal, reals in Swift's shortest
    /// round-trip form (`0.01`, `2.0`, `1e-10`), strings JSON-quoted,
    /// booleans `true`/`false`. Two equal values always have the same text,
    /// so it can go into cache keys and seeds.
    public var canonical: String {
        switch self {
        case .integer(let v): String(v)
        case .real(let v): (v == 0 ? 0.0 : v).description
        case .bool(let v): v ? "true" : "false"
        case .string(let v): ParameterValue.quoted(v)
        }
    }

    /// The plain text (strings unquoted), for reports and messages.
    public var description: String {
        if case .string(let v) = self { return v }
        return canonical
    }

    /// The value as a number, for expressions (`nil` for strings and booleans).
    public var number: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .real(let v): v
        case .string, .bool: nil
        }
    }

    public var integer: Int? {
        if case .integer(let v) = self { return v }
        return nil
    }

    public var string: String? {
        if case .string(let v) = self { return v }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let v) = self { return v }
        return nil
    }

    /// The value as a component of a random-stream path. The kind is part of
    /// the hash, so the integer 2 and the real 2.0 would differ; values are
    /// normalised to their parameter's type first, so that cannot happen
    /// for one parameter.
    public var streamKey: StreamKey {
        switch self {
        case .integer(let v): .integer(Int64(v))
        case .real(let v): .real(v)
        case .string(let v): .string(v)
        case .bool(let v): .string(v ? "true" : "false")
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
