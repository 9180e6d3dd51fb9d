import Foundation

/// A statistical comparison of two result stores (`convrec diff`).
///
/// Experiments are matched by name (two single experiment folders are
/// compared whatever their names); points by their parameter values (every
/// parameter both sides record, except the trial `seed`), so a point key
/// that changed with a new default still matches; trials within a point by
/// their index. Per point and metric (`DiffCell`) both medians (rates for
/// the success rate) are compared by Mann–Whitney (continuous) or Fisher's
/// exact test (rates); the p-values of every tested cell of the diff are
/// adjusted together by Benjamini–Hochberg. Cells whose trials have the same
/// seeds and bit-identical values are `identical` and not tested.
public struct ResultDiff: Sendable {
    /// One experiment present on both sides.
    public struct Experiment: Sendable {
        public let name: String
        public let baseline: DiffStore.Experiment
        public let candidate: DiffStore.Experiment
        /// Labels of points present on both sides, in order.
        public let points: [String]
        /// Points stored on one side only.
        public let onlyBaseline: [String]
        public let onlyCandidate: [String]
        /// Trials paired by point and index, and how many are bit-identical
        /// (same seed, inputs, metrics except timings, history, status).
        public let pairedTrials: Int
        public let identicalTrials: Int
        /// Distinct trials (point, index) stored on each side.
        public let baselineTrials: Int
        public let candidateTrials: Int
        public internal(set) var cells: [DiffCell]
        public internal(set) var claims: [ClaimChange]
        /// Why claims or charts were skipped, skipped result lines.
        public internal(set) var warnings: [String]
        /// The experiment file the claims and charts came from, when found.
        public internal(set) var spec: ExperimentSpec?
        /// The matched trials per point label (baseline, candidate).
        let matched: [(label: String, baseline: [TrialRecord], candidate: [TrialRecord])]
    }

    public let baseline: DiffStore
    public let candidate: DiffStore
    public let options: DiffOptions
    public internal(set) var experiments: [Experiment]
    /// Experiments stored on one side only.
    public let onlyBaseline: [String]
    public let onlyCandidate: [String]

    /// Every cell of every experiment.
    public var cells: [DiffCell] { experiments.flatMap(\.cells) }

    public func count(_ status: DiffStatus) -> Int { cells.count(where: { $0.status == status }) }

    /// Regressions that gate (exit 1).
    public var gatedRegressions: [DiffCell] { cells.filter(\.isGatedRegression) }

    /// True when every trial is bit-identical on both sides, every cell
    /// (timings included) is identical, and nothing is one-sided.
    public var isIdentical: Bool {
        cells.allSatisfy { $0.status == .identical } && onlyBaseline.isEmpty && onlyCandidate.isEmpty && experiments.allSatisfy {
            $0.onlyBaseline.isEmpty && $0.onlyCandidate.isEmpty && $0.pairedTrials == $0.identicalTrials
                && $0.pairedTrials == $0.baselineTrials && $0.pairedTrials == $0.candidateTrials
        }
    }

    /// `identical`, `regression` (a gated one), or `no regression`.
    public var verdict: String { isIdentical ? "identical" : gatedRegressions.isEmpty ? "no regression" : "regression" }

    /// 0 without a gated regression, 1 with one.
    public var exitStatus: Int32 { gatedRegressions.isEmpty ? 0 : 1 }

    /// Reads both folders and compares them (claims included, nothing written).
    ///
    /// - Throws: `DiffError` (bad input) for a missing folder, unreadable
    ///   results, no experiment in common, or experiments in common that
    ///   share no point.
    public static func compare(baseline: URL, candidate: URL, options: DiffOptions = DiffOptions()) throws(DiffError) -> ResultDiff {
        let base = try DiffStore(root: baseline)
        let cand = try DiffStore(root: candidate)
        var pairs: [(DiffStore.Experiment, DiffStore.Experiment)] = []
        var onlyBase: [String] = [], onlyCand: [String] = []
        if base.isSingleExperiment && cand.isSingleExperiment {
            pairs = [(base.experiments[0], cand.experiments[0])]
        } else {
            let candByName = Dictionary(cand.experiments.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for e in base.experiments {
                if let c = candByName[e.name] { pairs.append((e, c)) } else { onlyBase.append(e.name) }
            }
            onlyCand = cand.experiments.map(\.name).filter { name in !base.experiments.contains { $0.name == name } }
        }
        guard !pairs.isEmpty else {
            throw DiffError("\(baseline.relativePath) and \(candidate.relativePath) have no experiment in common (baseline: "
                + base.experiments.map(\.name).joined(separator: ", ") + "; candidate: "
                + cand.experiments.map(\.name).joined(separator: ", ") + ")")
        }
        var experiments = pairs.map { match($0.0, $0.1, metrics: options.metrics) }
        guard experiments.contains(where: { !$0.points.isEmpty }) else {
            throw DiffError("\(baseline.relativePath) and \(candidate.relativePath) have no parameter point in common in "
                + experiments.map(\.name).joined(separator: ", ") + "; nothing to compare")
        }
        // Benjamini–Hochberg over every tested cell of the diff.
        var raw: [(experiment: Int, cell: RawCell)] = []
        for (i, e) in experiments.enumerated() { raw += cells(e, metrics: options.metrics).map { (i, $0) } }
        let tested = raw.indices.filter { raw[$0].cell.status == nil }
        let adjusted = Statistics.benjaminiHochberg(tested.map { raw[$0].cell.p })
        var q = [Double](repeating: .nan, count: raw.count)
        for (k, index) in tested.enumerated() { q[index] = adjusted[k].isNaN ? 1 : adjusted[k] }
        for (index, (i, c)) in raw.enumerated() {
            let status = c.status ?? DiffCell.decide(metric: c.metric, baseline: c.baseline, candidate: c.candidate,
                                                     q: q[index], equivalenceP: c.equivalenceP, alpha: options.alpha)
            experiments[i].cells.append(DiffCell(
                experiment: experiments[i].name, point: c.point, metric: c.metric, test: c.test,
                baselineCount: c.baselineCount, candidateCount: c.candidateCount, baseline: c.baseline,
                candidate: c.candidate, p: c.p, q: q[index], equivalenceP: c.equivalenceP, status: status))
        }
        for i in experiments.indices { evaluateClaims(&experiments[i], resamples: options.resamples) }
        return ResultDiff(baseline: base, candidate: cand, options: options, experiments: experiments,
                          onlyBaseline: onlyBase, onlyCandidate: onlyCand)
    }

    // MARK: - Matching

    /// The identity of a record's point: its parameters (only `names`, no
    /// seed) as sorted `name=value` text, numbers compared by value.
    static func identity(_ record: TrialRecord, names: Set<String>) -> String {
        names.sorted().compactMap { name in record.parameters[name].map { "\(name)=\(valueText($0))" } }
            .joined(separator: ",")
    }

    static func valueText(_ value: JSONValue) -> String {
        switch value {
        case .integer(let i): String(i)
        case .number(let x) where x == x.rounded() && abs(x) < 1e15: String(Int(x))
        case .number(let x): "\(x)"
        case .string(let s): s
        default: value.text
        }
    }

    /// Pairs the points and trials of one experiment.
    static func match(_ base: DiffStore.Experiment, _ cand: DiffStore.Experiment, metrics: [DiffMetric]) -> Experiment {
        func names(_ records: [TrialRecord]) -> Set<String> {
            records.reduce(into: Set<String>()) { $0.formUnion($1.parameters.keys) }
        }
        let common = names(base.records).intersection(names(cand.records)).subtracting(["seed"])
        // Parameters that differ between points label them.
        var seen: [String: Set<String>] = [:]
        for r in base.records + cand.records {
            for name in common { seen[name, default: []].insert(r.parameters[name].map(valueText) ?? "—") }
        }
        let varying = common.filter { seen[$0]!.count > 1 }.sorted()
        func label(_ r: TrialRecord) -> String {
            varying.isEmpty ? "all" : varying.map { "\($0)=\(r.parameters[$0].map(valueText) ?? "—")" }.joined(separator: ", ")
        }
        // A trial stored more than once (two solver versions in one file, a
        // rerun) counts once: the record read last wins, as in the report.
        func group(_ records: [TrialRecord]) -> (order: [String], byIdentity: [String: [TrialRecord]], labels: [String: String]) {
            var order: [String] = [], byTrial: [String: [Int: TrialRecord]] = [:], labels: [String: String] = [:]
            for r in records {
                let id = identity(r, names: common)
                if byTrial[id] == nil { order.append(id); labels[id] = label(r) }
                byTrial[id, default: [:]][r.trial] = r
            }
            return (order, byTrial.mapValues { Array($0.values) }, labels)
        }
        let b = group(base.records), c = group(cand.records)
        var matched: [(label: String, baseline: [TrialRecord], candidate: [TrialRecord])] = []
        var paired = 0, identical = 0
        for id in b.order where c.byIdentity[id] != nil {
            let bs = b.byIdentity[id]!.sorted { $0.trial < $1.trial }, cs = c.byIdentity[id]!.sorted { $0.trial < $1.trial }
            matched.append((b.labels[id]!, bs, cs))
            let candByTrial = Dictionary(cs.map { ($0.trial, $0) }, uniquingKeysWith: { _, last in last })
            for r in bs {
                guard let other = candByTrial[r.trial] else { continue }
                paired += 1
                if sameNumbers(r, other) { identical += 1 }
            }
        }
        matched.sort { naturalLess($0.label, $1.label) }
        var warnings = (base.skipped.map { "baseline: skipped unreadable result line \($0)" })
            + cand.skipped.map { "candidate: skipped unreadable result line \($0)" }
        if base.name != cand.name { warnings.append("comparing experiment \(base.name) (baseline) with \(cand.name) (candidate)") }
        return Experiment(name: cand.name, baseline: base, candidate: cand, points: matched.map(\.label),
                          onlyBaseline: b.order.filter { c.byIdentity[$0] == nil }.map { b.labels[$0]! }.sorted(by: naturalLess),
                          onlyCandidate: c.order.filter { b.byIdentity[$0] == nil }.map { c.labels[$0]! }.sorted(by: naturalLess),
                          pairedTrials: paired, identicalTrials: identical,
                          baselineTrials: b.byIdentity.values.reduce(0) { $0 + $1.count },
                          candidateTrials: c.byIdentity.values.reduce(0) { $0 + $1.count },
                          cells: [], claims: [], warnings: warnings,
                          spec: nil, matched: matched)
    }

    /// Same seed, inputs and numbers (timings aside): the trial was not recomputed differently.
    public static func sameNumbers(_ a: TrialRecord, _ b: TrialRecord) -> Bool {
        func numbers(_ r: TrialRecord) -> String {
            var metrics = r.metrics
            metrics["timings"] = nil
            let history = r.history.map { "\($0.iteration) \($0.loss.bitPattern) \($0.error?.bitPattern ?? 0)" }
            return JSONValue.object(["p": .object(r.parameters), "m": .object(metrics)]).text
                + history.joined(separator: ";") + r.status.rawValue
        }
        return a.seed == b.seed && a.trial == b.trial && numbers(a) == numbers(b)
    }

    /// Orders labels with numbers by value (`samples=200` before `samples=1000`).
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric]) == .orderedAscending
    }

    // MARK: - Cells

    struct RawCell {
        let point: String
        let metric: DiffMetric
        let test: String
        let baselineCount: Int, candidateCount: Int
        let baseline: Double, candidate: Double
        let p: Double
        let equivalenceP: Double
        /// Set for identical cells (not tested).
        let status: DiffStatus?
    }

    /// The cells of one experiment: every metric recorded at every matched point.
    static func cells(_ e: Experiment, metrics: [DiffMetric]) -> [RawCell] {
        var out: [RawCell] = []
        for m in e.matched {
            for metric in metrics {
                let bv = m.baseline.compactMap { value(metric.name, $0) }, cv = m.candidate.compactMap { value(metric.name, $0) }
                guard !bv.isEmpty, !cv.isEmpty else { continue }
                // Identical: same trials (index and seed) with bit-identical values.
                let same = m.baseline.count == m.candidate.count && zip(m.baseline, m.candidate).allSatisfy { a, b in
                    a.trial == b.trial && a.seed == b.seed
                        && value(metric.name, a)?.bitPattern == value(metric.name, b)?.bitPattern
                }
                switch metric.kind {
                case .continuous:
                    let mb = Statistics.median(bv), mc = Statistics.median(cv)
                    if same {
                        out.append(RawCell(point: m.label, metric: metric, test: "mann-whitney", baselineCount: bv.count,
                                           candidateCount: cv.count, baseline: mb, candidate: mc, p: .nan, equivalenceP: .nan,
                                           status: .identical))
                        continue
                    }
                    let p = Statistics.mannWhitney(cv, bv)?.p ?? 1
                    let tost = Statistics.Equivalence.ratioTest(cv, bv, tolerance: metric.tolerance)?.p ?? .nan
                    out.append(RawCell(point: m.label, metric: metric, test: "mann-whitney", baselineCount: bv.count,
                                       candidateCount: cv.count, baseline: mb, candidate: mc, p: p, equivalenceP: tost, status: nil))
                case .proportion:
                    let kb = bv.count(where: { $0 == 1 }), kc = cv.count(where: { $0 == 1 })
                    let rb = Double(kb) / Double(bv.count), rc = Double(kc) / Double(cv.count)
                    if same {
                        out.append(RawCell(point: m.label, metric: metric, test: "fisher", baselineCount: bv.count,
                                           candidateCount: cv.count, baseline: rb, candidate: rc, p: .nan, equivalenceP: .nan,
                                           status: .identical))
                        continue
                    }
                    let p = Statistics.fisherExact(a: kb, b: bv.count - kb, c: kc, d: cv.count - kc)?.p ?? 1
                    let tost = Statistics.Equivalence.proportionTest(successes1: kc, trials1: cv.count, successes2: kb,
                                                                     trials2: bv.count, margin: metric.tolerance)?.p ?? .nan
                    out.append(RawCell(point: m.label, metric: metric, test: "fisher", baselineCount: bv.count,
                                       candidateCount: cv.count, baseline: rb, candidate: rc, p: p, equivalenceP: tost, status: nil))
                }
            }
        }
        return out
    }

    /// One trial's value of a metric (finite values only; success as 1/0,
    /// a failed trial counting as unsuccessful).
    static func value(_ metric: String, _ record: TrialRecord) -> Double? {
        guard let v = PointSummary.value(of: metric, in: record), v.isFinite else { return nil }
        return v
    }
}
