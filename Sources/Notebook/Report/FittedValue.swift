/// A number the report derives from the data (a fitted constant, an
/// exponent, a rate), with its interval when there is one. Each becomes a
/// row of the report's "Fitted laws" and a LaTeX macro.
public struct FittedValue: Sendable {
    /// Letters and digits naming the value inside its experiment, e.g.
    /// `error-vs-samples c`; turned into the macro name.
    public let key: String
    /// What it is, for people: `c in c·x^(-0.5) (error-vs-samples)`.
    public let label: String
    public let value: Double
    public let lower: Double?
    public let upper: Double?
    /// e.g. "R² = 0.99", "least squares in log space".
    public let note: String

    public init(key: String, label: String, value: Double, lower: Double? = nil, upper: Double? = nil, note: String = "") {
        self.key = key
        self.label = label
        self.value = value
        self.lower = lower
        self.upper = upper
        self.note = note
    }

    /// `1.23 [1.1, 1.4]`.
    public var text: String {
        var t = Format.number(value)
        if let lower, let upper { t += " [\(Format.number(lower)), \(Format.number(upper))]" }
        return t
    }
}
