import Foundation

/// A formula of a `derived` parameter or a chart's theory curve, such as
/// `samples_per_dimension * patch_size * patches` or `c * dimension * log(dimension)`.
///
/// Grammar (recursive descent, `^` binds tightest and is right-associative,
/// unary minus binds looser than `^`, so `-2^2 = -4` as in mathematics):
///
///     sum     := product (("+" | "-") product)*
///     product := unary (("*" | "/") unary)*
///     unary   := ("-" | "+") unary | power
///     power   := primary ("^" unary)?
///     primary := number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
///
/// Every node keeps its offset in the source text so an error can point at
/// the column inside the YAML string.
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case variable(String, offset: Int)
    case negate(Expression)
    case binary(Operator, Expression, Expression, offset: Int)
    case call(Function, [Expression], offset: Int)

    public enum Operator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// The functions a formula may call.
    public enum Function: String, Sendable, CaseIterable {
        case log, log2, log10, sqrt, exp, abs, ceil, floor, round, min, max

        /// `min` and `max` take two or more arguments; the others one.
        var arity: ClosedRange<Int> { self == .min || self == .max ? 2...Int.max : 1...1 }

        func apply(_ x: [Double]) -> Double {
            switch self {
            case .log: Foundation.log(x[0])
            case .log2: Foundation.log2(x[0])
            case .log10: Foundation.log10(x[0])
            case .sqrt: x[0].squareRoot()
            case .exp: Foundation.exp(x[0])
            case .abs: Swift.abs(x[0])
            case .ceil: x[0].rounded(.up)
            case .floor: x[0].rounded(.down)
            case .round: x[0].rounded(.toNearestOrAwayFromZero)
            case .min: x.min()!
            case .max: x.max()!
            }
        }
    }

    /// A problem in a formula, at `offset` Unicode scalars into its text.
    public struct Problem: Error, Hashable, Sendable {
        public let message: String
        public let offset: Int
    }

    /// Parses `text`, or says where and why it cannot.
    public static func parse(_ text: String) throws(Problem) -> Expression {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let expression = try parser.sum()
        parser.skipSpaces()
        if parser.position < parser.scalars.count {
            throw Problem(message: "unexpected '\(parser.scalars[parser.position])'", offset: parser.position)
        }
        return expression
    }

    /// Every name the formula reads.
    public var variables: Set<String> {
        switch self {
        case .number: []
        case .variable(let name, _): [name]
        case .negate(let e): e.variables
        case .binary(_, let a, let b, _): a.variables.union(b.variables)
        case .call(_, let args, _): args.reduce(into: Set<String>()) { $0.formUnion($1.variables) }
        }
    }

    /// The value for the given names. Division by zero is an error (rather
    /// than ±∞) so a plan cannot silently hold a meaningless point; other
    /// non-finite results (`log(0)`) are left for the caller to reject.
    public func evaluate(_ value: (String) -> Double?) throws(Problem) -> Double {
        switch self {
        case .number(let x): return x
        case .variable(let name, let offset):
            guard let x = value(name) else { throw Problem(message: "'\(name)' has no numeric value", offset: offset) }
            return x
        case .negate(let e): return -(try e.evaluate(value))
        case .binary(let op, let a, let b, let offset):
            let x = try a.evaluate(value), y = try b.evaluate(value)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide:
                if y == 0 { throw Problem(message: "division by zero", offset: offset) }
                return x / y
            case .power: return pow(x, y)
            }
        case .call(let f, let args, _):
            var xs: [Double] = []
            for arg in args { xs.append(try arg.evaluate(value)) }
            return f.apply(xs)
        }
    }

    /// The formula written back out, fully parenthesised where needed.
    public var description: String {
        switch self {
        case .number(let x): x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : x.description
        case .variable(let name, _): name
        case .negate(let e): "-\(e.parenthesised)"
        case .binary(let op, let a, let b, _): "\(a.parenthesised) \(op.rawValue) \(b.parenthesised)"
        case .call(let f, let args, _): "\(f.rawValue)(\(args.map(\.description).joined(separator: ", ")))"
        }
    }

    private var parenthesised: String {
        switch self {
        case .binary, .negate: "(\(description))"
        default: description
        }
    }
}

// MARK: - Parser

private struct Parser {
    let scalars: [Unicode.Scalar]
    var position = 0

    typealias Problem = Expression.Problem

    mutating func skipSpaces() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    mutating func peek() -> Unicode.Scalar? {
        skipSpaces()
        return position < scalars.count ? scalars[position] : nil
    }

    mutating func sum() throws(Problem) -> Expression {
        var lhs = try product()
        while let c = peek(), c == "+" || c == "-" {
            let offset = position
            position += 1
            lhs = .binary(c == "+" ? .add : .subtract, lhs, try product(), offset: offset)
        }
        return lhs
    }

    mutating func product() throws(Problem) -> Expression {
        var lhs = try unary()
        while let c = peek(), c == "*" || c == "/" {
            let offset = position
            position += 1
            lhs = .binary(c == "*" ? .multiply : .divide, lhs, try unary(), offset: offset)
        }
        return lhs
    }

    mutating func unary() throws(Problem) -> Expression {
        if let c = peek(), c == "-" || c == "+" {
            position += 1
            let operand = try unary()
            return c == "-" ? .negate(operand) : operand
        }
        return try power()
    }

    mutating func power() throws(Problem) -> Expression {
        let base = try primary()
        if let c = peek(), c == "^" {
            let offset = position
            position += 1
            return .binary(.power, base, try unary(), offset: offset)
        }
        return base
    }

    mutating func primary() throws(Problem) -> Expression {
        guard let c = peek() else { throw Problem(message: "expected a number, a name or '(' but the formula ends", offset: position) }
        let start = position
        if c == "(" {
            position += 1
            let inner = try sum()
            guard peek() == ")" else {
                throw Problem(message: "expected ')' to close the '(' at offset \(start + 1)", offset: position)
            }
            position += 1
            return inner
        }
        if c.properties.numericType != nil && c.isASCII || c == "." {
            return try number()
        }
        if c.properties.isAlphabetic || c == "_" {
            while position < scalars.count,
                  scalars[position].isASCII && (scalars[position].properties.isAlphabetic
                      || scalars[position].properties.numericType != nil || scalars[position] == "_") {
                position += 1
            }
            let name = String(String.UnicodeScalarView(scalars[start..<position]))
            guard peek() == "(" else { return .variable(name, offset: start) }
            guard let function = Expression.Function(rawValue: name) else {
                let names = Expression.Function.allCases.map(\.rawValue)
                throw Problem(
                    message: "unknown function '\(name)'" + Suggestion.hint(for: name, in: names)
                        + " (functions: \(names.joined(separator: ", ")))", offset: start)
            }
            position += 1
            var args = [try sum()]
            while peek() == "," {
                position += 1
                args.append(try sum())
            }
            guard peek() == ")" else { throw Problem(message: "expected ',' or ')' in the call of \(name)", offset: position) }
            position += 1
            guard function.arity.contains(args.count) else {
                let wanted = function.arity.lowerBound == 1 ? "one argument" : "at least two arguments"
                throw Problem(message: "\(name) takes \(wanted), got \(args.count)", offset: start)
            }
            return .call(function, args, offset: start)
        }
        throw Problem(message: "unexpected '\(c)'; expected a number, a name or '('", offset: position)
    }

    mutating func number() throws(Problem) -> Expression {
        let start = position
        func digits() { while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 } }
        digits()
        if position < scalars.count, scalars[position] == "." { position += 1; digits() }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            let mark = position
            position += 1
            if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
            let exponentStart = position
            digits()
            if position == exponentStart { position = mark }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let x = Double(text) else { throw Problem(message: "malformed number '\(text)'", offset: start) }
        return .number(x)
    }
}
