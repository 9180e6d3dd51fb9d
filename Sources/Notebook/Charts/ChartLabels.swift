/// Axis labels in the paper's notation, written in gnuplot's enhanced text
/// (`_F` a subscript, `^0` a superscript).
public enum ChartLabels {
    static let known: [String: String] = [
        "samples": "samples n", "dimension": "dimension d", "patch_size": "patch size k",
        "patches": "patches r", "kernels": "kernels t", "kappa": "condition number κ",
        "noise": "label noise s", "tolerance": "tolerance ε", "iteration": "iteration",
        "max_iterations": "iteration budget", "leaky_slope": "leaky slope a", "perturbation": "perturbation δ",
        "error": "relative error ‖W − W^*‖_F / ‖W^*‖_F",
        "max_column_error": "max column error",
        "init_error": "initialisation error ‖W^0 − W^*‖_F / ‖W^*‖_F",
        "init_max_column_error": "initialisation max column error",
        "success_rate": "recovery rate", "success": "recovery rate", "signs_recovered": "signs recovered",
        "iterations": "gradient-descent iterations", "initial_loss": "initial loss", "final_loss": "final training loss",
        "test_loss": "test loss", "loss": "training loss", "n_star": "sample threshold n^*",
        "time_total": "time (s)", "time_init": "initialisation time (s)", "time_descent": "descent time (s)",
        "time_data": "data time (s)", "step_size": "step size η",
    ]

    /// The enhanced-text label of a parameter or metric name.
    public static func label(_ name: String) -> String {
        known[name] ?? escape(name.replacingOccurrences(of: "_", with: " "))
    }

    /// The same label without enhanced-text markup, for captions.
    public static func plain(_ name: String) -> String {
        label(name).replacingOccurrences(of: "^*", with: "*").replacingOccurrences(of: "^0", with: "⁰")
            .replacingOccurrences(of: "_F", with: "_F").replacingOccurrences(of: "\\", with: "")
    }

    /// Text made safe inside a double-quoted gnuplot string in enhanced mode:
    /// quotes and backslashes escaped, `^ _ @ & ~ { }` taken literally.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\\\\\"
            case "\"": out += "\\\""
            case "^", "_", "@", "&", "~", "{", "}": out += "\\\\" + String(ch)
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
