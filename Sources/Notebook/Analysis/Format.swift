import Foundation

/// How numbers are printed in reports, tables and captions.
public enum Format {
    /// Three significant digits, `%.3g`-style but without a trailing
    /// exponent for ordinary magnitudes: `0.0123`, `1.23e-07`, `2.5e+04`;
    /// integers below 10⁶ in full. `∞`/`-∞` and `—` for NaN.
    public static func number(_ x: Double, digits: Int = 3) -> String {
        if x.isNaN { return "—" }
        if x.isInfinite { return x > 0 ? "∞" : "-∞" }
        if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
        return String(format: "%.\(digits)g", x)
    }

    /// A number for a data file: full precision, `NaN` for missing (gnuplot
    /// skips such rows), `Inf`/`-Inf` never appear (written as NaN).
    public static func data(_ x: Double) -> String {
        x.isFinite ? String(format: "%.10g", x) : "NaN"
    }
}
