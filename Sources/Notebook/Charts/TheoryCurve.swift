import Foundation

/// A chart's theory curve: an expression in x (or the x parameter's name),
/// a constant c and parameter names, with c fitted to the data.
public enum TheoryCurve {
    /// f(x; c) with `values` supplying other parameter names.
    public static func evaluate(_ expression: Expression, x: Double, xName: String, c: Double,
                                values: [String: ParameterValue]) -> Double {
        (try? expression.evaluate { name in
            if name == "x" || name == xName { return x }
            if name == "c" { return c }
            return values[name]?.number
        }) ?? .nan
    }

    /// The c minimising Σ (log yᵢ − log f(xᵢ; c))² over the pairs with
    /// positive y and f: closed form log c = mean(log yᵢ − log f(xᵢ; 1))
    /// when f is proportional to c, else a golden-section search over
    /// log c ∈ [−50, 50]. nil when the expression does not read c or no pair
    /// is usable.
    public static func fitC(_ expression: Expression, xName: String,
                            pairs: [(x: Double, y: Double, values: [String: ParameterValue])]) -> Double? {
        guard expression.variables.contains("c") else { return nil }
        let used = pairs.filter { $0.y > 0 && $0.y.isFinite }
        guard !used.isEmpty else { return nil }
        func f(_ p: (x: Double, y: Double, values: [String: ParameterValue]), _ c: Double) -> Double {
            evaluate(expression, x: p.x, xName: xName, c: c, values: p.values)
        }
        let proportional = used.allSatisfy { p in
            let one = f(p, 1), two = f(p, 2)
            return one.isFinite && abs(two - 2 * one) <= 1e-9 * abs(two)
        }
        if proportional {
            let logs = used.compactMap { p -> Double? in
                let g = f(p, 1)
                return g > 0 && g.isFinite ? log(p.y) - log(g) : nil
            }
            return logs.isEmpty ? nil : exp(Statistics.mean(logs))
        }
        func loss(_ logC: Double) -> Double {
            used.reduce(0) { sum, p in
                let v = f(p, exp(logC))
                let r = v > 0 && v.isFinite ? log(p.y) - log(v) : 1e6
                return sum + r * r
            }
        }
        var a = -50.0, b = 50.0
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<200 {
            let c = b - ratio * (b - a), d = a + ratio * (b - a)
            if loss(c) < loss(d) { b = d } else { a = c }
        }
        return exp((a + b) / 2)
    }

    /// The expression as a legend label in gnuplot enhanced text, c
    /// replaced by its value and the x parameter written `x`:
    /// `0.42·x^{-0.5}`, `41.5·dimension`.
    public static func label(_ expression: Expression, c: Double?, xName: String) -> String {
        enhanced(expression, c: c, xName: xName)
    }

    static func enhanced(_ e: Expression, c: Double?, xName: String) -> String {
        func precedence(_ e: Expression) -> Int {
            switch e {
            case .binary(let op, _, _, _):
                switch op {
                case .add, .subtract: return 1
                case .multiply, .divide: return 2
                case .power: return 4
                }
            case .negate: return 3
            default: return 5
            }
        }
        func wrap(_ inner: Expression, _ minimum: Int) -> String {
            let text = enhanced(inner, c: c, xName: xName)
            return precedence(inner) < minimum ? "(\(text))" : text
        }
        switch e {
        case .number(let x): return Format.number(x)
        case .variable(let name, _):
            if name == "c", let c { return Format.number(c) }
            return name == xName ? "x" : ChartLabels.escape(name)
        case .negate(let inner): return "-" + wrap(inner, 3)
        case .binary(let op, let a, let b, _):
            switch op {
            case .add: return wrap(a, 1) + " + " + wrap(b, 1)
            case .subtract: return wrap(a, 1) + " - " + wrap(b, 2)
            case .multiply: return wrap(a, 2) + "·" + wrap(b, 2)
            case .divide: return wrap(a, 2) + "/" + wrap(b, 3)
            case .power: return wrap(a, 5) + "^{" + enhanced(b, c: c, xName: xName) + "}"
            }
        case .call(let f, let args, _):
            return f.rawValue + "(" + args.map { enhanced($0, c: c, xName: xName) }.joined(separator: ", ") + ")"
        }
    }

    static func replacingName(_ name: String, in text: String, with replacement: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            out += word == name ? replacement : word
            word = ""
        }
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" || (ch == "." && !word.isEmpty) { word.append(ch) } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}
