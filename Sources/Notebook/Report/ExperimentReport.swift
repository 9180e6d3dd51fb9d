import Foundation

/// What `ReportBuilder.build` wrote for one experiment, with the claims'
/// verdicts (what `convrec reproduce` and `IndexReport` read).
public struct ExperimentReport: Sendable {
    /// The experiment's name and title (the name when it has none).
    public let name: String
    public let title: String
    /// The experiment file.
    public let file: String
    /// `<output>/<name>/`.
    public let directory: URL
    /// `<output>/<name>/report.md`.
    public let reportFile: URL
    public let claims: [ClaimOutcome]
    public let charts: [RenderedChart]
    public let fits: [FittedValue]
    /// Stored trials the report used.
    public let trials: Int
    /// Why the charts were not rendered (gnuplot missing or failing); the
    /// data and scripts are written regardless. nil when all rendered.
    public let renderProblem: String?
    /// Anything a reader should know (skipped lines, missing points, gnuplot warnings).
    public let warnings: [String]

    public func count(_ verdict: ClaimOutcome.Verdict) -> Int { claims.count(where: { $0.verdict == verdict }) }

    /// True when some claim failed (`convrec report` then exits 1).
    public var hasFailedClaim: Bool { claims.contains { $0.failsRun } }
}

/// Options of `ReportBuilder.build`.
public struct ReportOptions: Sendable {
    /// Image formats to render (default SVG and PNG).
    public var formats: [ImageFormat]
    /// A folder of user templates (`--templates`), or nil for the defaults.
    public var templates: URL?
    /// Bootstrap resamples for every interval.
    public var resamples: Int
    /// The gnuplot executable: a name looked up on PATH, or a path.
    public var gnuplot: String
    /// The command printed under "Regenerate"; nil builds
    /// `convrec report FILE --output DIR [--profile P] [--formats …] [--templates …]`.
    public var command: String?

    public init(formats: [ImageFormat] = ImageFormat.defaults, templates: URL? = nil, resamples: Int = 1000,
                gnuplot: String = "gnuplot", command: String? = nil) {
        self.formats = formats
        self.templates = templates
        self.resamples = resamples
        self.gnuplot = gnuplot
        self.command = command
    }
}
