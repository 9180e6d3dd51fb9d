import Foundation

/// What a diff concludes about one metric at one point (or overall).
public enum DiffStatus: String, Sendable, CaseIterable {
    /// Same seeds and bit-identical values on both sides.
    case identical
    /// Shown equivalent within the tolerance (TOST at level α).
    case unchanged
    /// Significantly better (BH-adjusted q ≤ α) by more than the tolerance.
    case improvement
    /// Significantly worse (q ≤ α) by more than the tolerance.
    case regression
    /// Neither: too few trials, or a change too small to flag but not shown to be within the tolerance.
    case inconclusive
}

/// One cell of a diff: a metric at a point matched on both sides.
public struct DiffCell: Sendable {
    public let experiment: String
    /// The point's varying parameters as text (`activation=relu, samples=100`).
    public let point: String
    public let metric: DiffMetric
    /// `mann-whitney` or `fisher`.
    public let test: String
    /// Values (trials) on each side.
    public let baselineCount: Int
    public let candidateCount: Int
    /// Medians (continuous) or success rates (proportion).
    public let baseline: Double
    public let candidate: Double
    /// candidate − baseline.
    public var difference: Double { candidate - baseline }
    /// candidate / baseline (NaN when the baseline is 0).
    public var ratio: Double { baseline != 0 ? candidate / baseline : (candidate == 0 ? 1 : .nan) }
    /// The raw p-value of the difference test (NaN for identical cells, which are not tested).
    public let p: Double
    /// Benjamini–Hochberg adjusted p over every tested cell of the diff (NaN for identical cells).
    public let q: Double
    /// The TOST p-value for "within the tolerance" (NaN for identical cells and when it cannot be
    /// computed, e.g. fewer than two values or a value ≤ 0 on a side).
    public let equivalenceP: Double
    public let status: DiffStatus

    /// A regression in a gated metric (makes the diff exit 1).
    public var isGatedRegression: Bool { status == .regression && metric.gated }

    /// Decides a cell from its tests. Significant means q ≤ α; the change
    /// must also exceed the tolerance in the metric's direction: for a
    /// continuous metric the ratio of medians leaves [1/(1+tol), 1+tol]
    /// (the TOST margins, symmetric in log); for a rate the difference
    /// leaves [−tol, tol]. Otherwise TOST p < α says "unchanged".
    static func decide(metric: DiffMetric, baseline: Double, candidate: Double, q: Double, equivalenceP: Double,
                       alpha: Double) -> DiffStatus {
        let worse: Bool, better: Bool
        switch metric.kind {
        case .continuous:
            guard baseline > 0, candidate >= 0, baseline.isFinite, candidate.isFinite else {
                return equivalenceP < alpha ? .unchanged : .inconclusive
            }
            let r = candidate / baseline
            let up = r > 1 + metric.tolerance, down = r < 1 / (1 + metric.tolerance)
            worse = metric.lowerIsBetter ? up : down
            better = metric.lowerIsBetter ? down : up
        case .proportion:
            let d = candidate - baseline
            let up = d > metric.tolerance + 1e-12, down = d < -metric.tolerance - 1e-12
            worse = metric.lowerIsBetter ? up : down
            better = metric.lowerIsBetter ? down : up
        }
        if q <= alpha && worse { return .regression }
        if q <= alpha && better { return .improvement }
        if equivalenceP < alpha { return .unchanged }
        return .inconclusive
    }
}

/// A claim's verdict on both sides.
public struct ClaimChange: Sendable {
    public let experiment: String
    public let id: String
    public let statement: String
    public let baseline: ClaimOutcome
    public let candidate: ClaimOutcome
    public var changed: Bool { baseline.verdict != candidate.verdict }
}
