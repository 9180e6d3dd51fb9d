/// The statistics the report and diff stages use: descriptive summaries,
/// intervals, distributions, bootstrap, fits, thresholds and tests.
///
/// Everything here is a pure function of its arguments (the bootstrap takes
/// its randomness from an explicit `RandomSource`), so results are
/// bit-identical for fixed inputs and seeds.
///
/// Conventions shared by every file in this folder:
/// - Degenerate input (empty samples, zero variance, too few points) gives
///   `nil` or `NaN`, as each function documents; nothing traps.
/// - Quantiles are Hyndman & Fan type 7 (the R and NumPy default).
/// - Two-sided p-values are capped at 1.
/// - Reference values in the tests come from SciPy/NumPy; each test names the
///   command that produced them.
public enum Statistics {}
