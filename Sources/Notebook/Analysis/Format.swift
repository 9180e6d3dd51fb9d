import Foundation

/// How numbers are printed in reports, tables and captions.
public enum Format {
    /// Three significant digits, `%.3g`-style: `0.0123`, `1.23e-07`,
    /// `2.5e+06`; whole numbers below 10⁶ in full, and other numbers from 100
    /// to 10⁶ rounded to a whole number of three significant digits (`1010`).
    /// `∞`/`-∞`, and `—` for NaN.
    public static func number(_ x: Double, digits: Int = 3) -> String {
        if x.isNaN { return "—" }
        if x.isInfinite { return x > 0 ? "∞" : "-∞" }
        if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
        if abs(x) >= 100, abs(x) < 1e6 {
            // 1009.65 → 1010, not 1.01e+03.
            let scale = pow(10, Double(Int(log10(abs(x))) + 1 - digits))
            return String(Int((x / scale).rounded() * scale))
        }
        return String(format: "%.\(digits)g", x)
    }

    /// A number for a data file: full precision, `NaN` for missing (gnuplot
    /// skips such rows), `Inf`/`-Inf` never appear (written as NaN).
    public static func data(_ x: Double) -> String {
        x.isFinite ? String(format: "%.10g", x) : "NaN"
    }
}
