/// The names of the per-trial measurements charts and claims may refer to.
///
/// One list for the whole notebook: the runner records these, the analysis
/// summarises them, and the spec validator accepts exactly these. Add a
/// metric here when the runner starts recording it.
public enum Metric {
    public static let names: [String] = [
        "error", "max_column_error", "init_error", "init_max_column_error",
        "success_rate", "success", "iterations", "initial_loss", "final_loss", "test_loss",
        "time_total", "time_init", "time_descent", "time_data",
        "n_star", "step_size", "signs_recovered",
        // Per-iteration history (convergence charts, linear_rate claims).
        "loss",
    ]

    /// The x axis of per-iteration charts and claims.
    public static let iteration = "iteration"
}
