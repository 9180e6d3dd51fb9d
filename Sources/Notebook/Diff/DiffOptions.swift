import Foundation

/// One metric a diff compares: how it is tested, which direction is better,
/// how large a change must be to count, and whether a regression in it
/// fails the diff (exit 1).
public struct DiffMetric: Sendable, Equatable {
    /// Continuous values (Mann–Whitney, TOST on the ratio of geometric
    /// means) or a 0/1 outcome (Fisher's exact test, TOST on the difference
    /// of rates).
    public enum Kind: String, Sendable { case continuous, proportion }

    public let name: String
    public let kind: Kind
    /// Errors, losses, iterations and times: lower is better; success rate: higher.
    public let lowerIsBetter: Bool
    /// Relative for continuous metrics (0.1 = 10%: the ratio of medians must
    /// leave [1/1.1, 1.1]); absolute for rates (0.1 = ten percentage points).
    public var tolerance: Double
    /// A regression in a gated metric makes `convrec diff` exit 1.
    public var gated: Bool

    public init(name: String, kind: Kind, lowerIsBetter: Bool, tolerance: Double, gated: Bool) {
        self.name = name
        self.kind = kind
        self.lowerIsBetter = lowerIsBetter
        self.tolerance = tolerance
        self.gated = gated
    }

    /// The metrics compared by default, in display order. Errors and the
    /// success rate gate; iterations and times are reported only (the
    /// machine that ran the baseline is rarely the one that runs the
    /// candidate, and iteration counts follow the errors).
    public static let defaults: [DiffMetric] = [
        DiffMetric(name: "error", kind: .continuous, lowerIsBetter: true, tolerance: 0.1, gated: true),
        DiffMetric(name: "max_column_error", kind: .continuous, lowerIsBetter: true, tolerance: 0.1, gated: true),
        DiffMetric(name: "init_error", kind: .continuous, lowerIsBetter: true, tolerance: 0.1, gated: true),
        DiffMetric(name: "final_loss", kind: .continuous, lowerIsBetter: true, tolerance: 0.1, gated: true),
        DiffMetric(name: "success_rate", kind: .proportion, lowerIsBetter: false, tolerance: 0.1, gated: true),
        DiffMetric(name: "iterations", kind: .continuous, lowerIsBetter: true, tolerance: 0.1, gated: false),
        DiffMetric(name: "time_total", kind: .continuous, lowerIsBetter: true, tolerance: 0.25, gated: false),
    ]

    /// Whether this metric is a time (never gated unless asked with `--gate`).
    public var isTime: Bool { name.hasPrefix("time_") }
}

/// How `ResultDiff` compares two stores and where it writes.
public struct DiffOptions: Sendable {
    /// False discovery rate of the Benjamini–Hochberg step-up over all cells,
    /// and the level of every equivalence (TOST) test.
    public var alpha: Double
    /// The metrics compared (tolerances and gating included).
    public var metrics: [DiffMetric]
    /// Images to render (empty: data and scripts only).
    public var formats: [ImageFormat]
    /// The gnuplot executable (name on PATH or a path).
    public var gnuplot: String
    /// Bootstrap resamples for the claims' intervals.
    public var resamples: Int
    /// A folder of user templates (`diff.md`, `diff-overlay.gp`, `diff-ratio.gp`), or nil.
    public var templates: URL?

    public init(alpha: Double = 0.05, metrics: [DiffMetric] = DiffMetric.defaults,
                formats: [ImageFormat] = ImageFormat.defaults, gnuplot: String = "gnuplot", resamples: Int = 1000,
                templates: URL? = nil) {
        self.alpha = alpha
        self.metrics = metrics
        self.formats = formats
        self.gnuplot = gnuplot
        self.resamples = resamples
        self.templates = templates
    }

    /// Sets a metric's tolerance from `METRIC=VALUE` (`error=0.2`, `error=20%`,
    /// `success_rate=0.05`); throws naming the problem.
    public mutating func setTolerance(_ text: String) throws(DiffError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let index = metrics.firstIndex(where: { $0.name == parts[0] }) else {
            throw DiffError("--tolerance \(text): expected METRIC=VALUE with METRIC one of \(metrics.map(\.name).joined(separator: ", "))")
        }
        var value = parts[1].trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        if value.hasSuffix("%") { value.removeLast(); scale = 0.01 }
        guard let number = Double(value), number > 0, number.isFinite,
              metrics[index].kind == .continuous || number * scale <= 1 else {
            throw DiffError("--tolerance \(text): the tolerance must be a positive number"
                + (metrics[index].kind == .proportion ? " at most 1 (an absolute difference of rates)" : " (relative: 0.1 or 10%)"))
        }
        metrics[index].tolerance = number * scale
    }

    /// Makes exactly `names` gate the exit status (`--gate`); throws on an unknown name.
    public mutating func gate(_ names: [String]) throws(DiffError) {
        for name in names where !metrics.contains(where: { $0.name == name }) {
            throw DiffError("--gate \(name): unknown metric (compared: \(metrics.map(\.name).joined(separator: ", ")))")
        }
        for i in metrics.indices { metrics[i].gated = names.contains(metrics[i].name) }
    }
}

/// A diff that cannot be made: bad input (exit 2) or a failed write (exit 1).
public struct DiffError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// True when the input is at fault (missing folders, nothing in common,
    /// unreadable results): exit 2.
    public let isBadInput: Bool

    public init(_ message: String, badInput: Bool = true) {
        self.message = message
        self.isBadInput = badInput
    }

    public var description: String { message }
}
