/// A small strict JSON parser (RFC 8259) for result files.
///
/// Hand-written rather than JSONSerialization so that numbers keep their
/// lexical kind (a literal without fraction or exponent is an `.integer`),
/// doubles parse with Swift's correctly rounded `Double(_:)`, and behaviour
/// is the same on every platform.
public struct JSONParseError: Error, CustomStringConvertible {
    public let offset: Int
    public let message: String
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

enum JSONParser {
    static func parse(_ text: String) throws -> JSONValue {
        var bytes = Array(text.utf8)[...]
        let value = try parseValue(&bytes, text: text)
        skipSpace(&bytes)
        if let first = bytes.first { throw error(bytes, "unexpected '\(Character(UnicodeScalar(first)))' after the value") }
        return value
    }

    static func error(_ bytes: ArraySlice<UInt8>, _ message: String) -> JSONParseError {
        JSONParseError(offset: bytes.startIndex, message: message)
    }

    static func skipSpace(_ bytes: inout ArraySlice<UInt8>) {
        while let b = bytes.first, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { bytes.removeFirst() }
    }

    static func expect(_ literal: String, _ bytes: inout ArraySlice<UInt8>) throws {
        for b in literal.utf8 {
            guard bytes.first == b else { throw error(bytes, "expected '\(literal)'") }
            bytes.removeFirst()
        }
    }

    static func parseValue(_ bytes: inout ArraySlice<UInt8>, text: String) throws -> JSONValue {
        skipSpace(&bytes)
        guard let first = bytes.first else { throw error(bytes, "unexpected end of input") }
        switch first {
        case UInt8(ascii: "{"):
            bytes.removeFirst()
            var members: [String: JSONValue] = [:]
            skipSpace(&bytes)
            if bytes.first == UInt8(ascii: "}") { bytes.removeFirst(); return .object(members) }
            while true {
                skipSpace(&bytes)
                guard bytes.first == UInt8(ascii: "\"") else { throw error(bytes, "expected a string key") }
                let key = try parseString(&bytes)
                skipSpace(&bytes)
                try expect(":", &bytes)
                members[key] = try parseValue(&bytes, text: text)
                skipSpace(&bytes)
                if bytes.first == UInt8(ascii: ",") { bytes.removeFirst(); continue }
                try expect("}", &bytes)
                return .object(members)
            }
        case UInt8(ascii: "["):
            bytes.removeFirst()
            var values: [JSONValue] = []
            skipSpace(&bytes)
            if bytes.first == UInt8(ascii: "]") { bytes.removeFirst(); return .array(values) }
            while true {
                values.append(try parseValue(&bytes, text: text))
                skipSpace(&bytes)
                if bytes.first == UInt8(ascii: ",") { bytes.removeFirst(); continue }
                try expect("]", &bytes)
                return .array(values)
            }
        case UInt8(ascii: "\""): return .string(try parseString(&bytes))
        case UInt8(ascii: "t"): try expect("true", &bytes); return .bool(true)
        case UInt8(ascii: "f"): try expect("false", &bytes); return .bool(false)
        case UInt8(ascii: "n"): try expect("null", &bytes); return .null
        default: return try parseNumber(&bytes)
        }
    }

    static func parseNumber(_ bytes: inout ArraySlice<UInt8>) throws -> JSONValue {
        var lexeme = ""
        var isInteger = true
        while let b = bytes.first, (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { isInteger = false }
            lexeme.append(Character(UnicodeScalar(b)))
            bytes.removeFirst()
        }
        if lexeme.isEmpty { throw error(bytes, "expected a value") }
        if isInteger, let i = Int(lexeme) { return .integer(i) }
        guard let x = Double(lexeme) else { throw error(bytes, "malformed number '\(lexeme)'") }
        return .number(x)
    }

    static func parseString(_ bytes: inout ArraySlice<UInt8>) throws -> String {
        bytes.removeFirst() // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let b = bytes.first else { throw error(bytes, "unterminated string") }
            bytes.removeFirst()
            switch b {
            case UInt8(ascii: "\""): return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = bytes.first else { throw error(bytes, "unterminated escape") }
                bytes.removeFirst()
                switch e {
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"):
                    var code = try hex4(&bytes)
                    if (0xD800..<0xDC00).contains(code) {
                        try expect("\\u", &bytes)
                        let low = try hex4(&bytes)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = UnicodeScalar(code) else { throw error(bytes, "invalid \\u escape") }
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: utf8.append(e)
                }
            default: utf8.append(b)
            }
        }
    }

    static func hex4(_ bytes: inout ArraySlice<UInt8>) throws -> UInt32 {
        guard bytes.count >= 4, let value = UInt32(String(decoding: bytes.prefix(4), as: UTF8.self), radix: 16) else {
            throw error(bytes, "expected four hex digits")
        }
        bytes.removeFirst(4)
        return value
    }
}
