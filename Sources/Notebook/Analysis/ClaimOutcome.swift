/// The verdict on one claim, with what was measured.
public struct ClaimOutcome: Sendable {
    public enum Verdict: String, Sendable, CaseIterable {
        case pass = "PASS", fail = "FAIL", inconclusive = "INCONCLUSIVE"
    }

    /// The verdict on one group of a claim (one value of `per`, or the whole
    /// claim when there is no `per`).
    public struct Group: Sendable {
        /// `activation=relu`, or empty without `per`.
        public let label: String
        public let verdict: Verdict
        /// The measured statistic (exponent, slope, worst median, ratio, R²…).
        public let estimate: Double
        /// Its 95% interval (bootstrap or Wilson), when there is one.
        public let lower: Double?
        public let upper: Double?
        /// One line: what was compared with what.
        public let explanation: String

        public init(label: String, verdict: Verdict, estimate: Double, lower: Double?, upper: Double?,
                    explanation: String) {
            self.label = label
            self.verdict = verdict
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.explanation = explanation
        }

        static func inconclusive(_ label: String, _ why: String) -> Group {
            Group(label: label, verdict: .inconclusive, estimate: .nan, lower: nil, upper: nil, explanation: why)
        }
    }

    public let claim: ClaimSpec
    public let verdict: Verdict
    public let groups: [Group]
    /// The statistic the measured value is, e.g. "exponent" or "median R²".
    public let statistic: String

    public init(claim: ClaimSpec, statistic: String, groups: [Group]) {
        self.claim = claim
        self.statistic = statistic
        self.groups = groups
        verdict = ClaimOutcome.combine(groups)
    }

    /// FAIL if any group fails, PASS if every group passes, else INCONCLUSIVE
    /// (also for no groups).
    static func combine(_ groups: [Group]) -> Verdict {
        if groups.contains(where: { $0.verdict == .fail }) { return .fail }
        return !groups.isEmpty && groups.allSatisfy { $0.verdict == .pass } ? .pass : .inconclusive
    }

    /// The group that decides the verdict: the first failing one, else the
    /// first inconclusive one, else the first.
    public var decisive: Group? { ClaimOutcome.decisive(groups) }

    static func decisive(_ groups: [Group]) -> Group? {
        groups.first { $0.verdict == .fail } ?? groups.first { $0.verdict == .inconclusive } ?? groups.first
    }

    /// The measured value(s) as text: `-0.51 [-0.62, -0.40]`, per group
    /// `relu: -0.51 [-0.62, -0.40]; tanh: …`.
    public var measuredText: String {
        guard !groups.isEmpty else { return "—" }
        if groups.count == 1 { return ClaimOutcome.text(groups[0]) }
        return groups.map { "\($0.label): \(ClaimOutcome.text($0))" }.joined(separator: "; ")
    }

    /// The decisive group's explanation, prefixed with its label, and the
    /// claim's known disagreement with the paper when it has one.
    public var explanation: String {
        guard let g = decisive else { return "no stored trial matches the claim's points" }
        let text = groups.count > 1 ? "\(g.label): \(g.explanation)" : g.explanation
        guard let note = claim.knownDisagreement else { return text }
        return verdict == .pass
            ? "\(text). Known disagreement with the paper did not reproduce this time: \(note)"
            : "\(text). Known disagreement with the paper: \(note)"
    }

    /// A FAIL that the experiment file documents as a disagreement with
    /// the paper: reported as FAIL, but not a failure of the run.
    public var isKnownDisagreement: Bool { verdict == .fail && claim.knownDisagreement != nil }

    /// A FAIL that fails `convrec report` and `convrec reproduce`.
    public var failsRun: Bool { verdict == .fail && claim.knownDisagreement == nil }

    static func text(_ g: Group) -> String {
        guard g.estimate.isFinite || g.estimate.isInfinite else { return "—" }
        var text = Format.number(g.estimate)
        if let lo = g.lower, let hi = g.upper { text += " [\(Format.number(lo)), \(Format.number(hi))]" }
        return text
    }
}
