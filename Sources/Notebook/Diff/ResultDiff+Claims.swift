import Foundation

extension ResultDiff {
    /// The experiment file behind a side, read from its `experiment.json`
    /// (`file`, `profile`): the candidate's first, then the baseline's. The
    /// path is as the run was given it, so it is tried relative to the
    /// current folder. nil (with the reason) when neither loads.
    static func loadSpec(_ e: Experiment) -> (spec: ExperimentSpec?, problem: String?) {
        var problems: [String] = []
        for snapshot in [e.candidate.snapshot, e.baseline.snapshot] {
            guard let file = snapshot?["file"]?.stringValue else { continue }
            let profile = snapshot?["profile"]?.stringValue
            do { return (try ExperimentSpec.load(path: file, profile: profile, profileOptional: true), nil) } catch {
                problems.append("\(file): " + (error.errors.first.map(\.message) ?? "unreadable"))
            }
        }
        let why = problems.isEmpty ? "no experiment.json names the experiment file" : problems.joined(separator: "; ")
        return (nil, "claims and charts skipped: \(why) (run convrec diff from the folder the experiments were run from)")
    }

    /// The records of one side with `point` set to the key of the plan point
    /// whose values they carry (matched by value, as points are matched), so
    /// the analysis accepts records whose point key was written by another
    /// version. Records matching no plan point keep their key (ignored).
    static func remap(_ records: [TrialRecord], to spec: ExperimentSpec) -> [TrialRecord] {
        guard let names = spec.plan.points.first.map({ Set($0.values.keys) }) else { return records }
        var keyByIdentity: [String: String] = [:]
        let recordNames = records.reduce(into: Set<String>()) { $0.formUnion($1.parameters.keys) }
        let common = names.intersection(recordNames).subtracting(["seed"])
        for point in spec.plan.points {
            let id = common.sorted().compactMap { n in point.values[n].map { "\(n)=\(valueText($0.json))" } }.joined(separator: ",")
            keyByIdentity[id] = keyByIdentity[id] ?? point.key
        }
        return records.map { r in
            var r = r
            if let key = keyByIdentity[identity(r, names: common)] { r.point = key }
            return r
        }
    }

    /// Evaluates the experiment's claims on both sides with the report's analysis.
    static func evaluateClaims(_ e: inout Experiment, resamples: Int) {
        let (spec, problem) = loadSpec(e)
        if let problem { e.warnings.append(problem) }
        guard let spec else { return }
        e.spec = spec
        guard !spec.claims.isEmpty else { return }
        let base = ExperimentAnalysis(spec: spec, records: remap(e.baseline.records, to: spec), resamples: resamples)
        let cand = ExperimentAnalysis(spec: spec, records: remap(e.candidate.records, to: spec), resamples: resamples)
        e.claims = spec.claims.map { claim in
            ClaimChange(experiment: e.name, id: claim.id, statement: claim.statement,
                        baseline: base.evaluate(claim), candidate: cand.evaluate(claim))
        }
    }

    /// The two analyses of an experiment (for charts), when its spec loaded.
    func analyses(_ e: Experiment) -> (baseline: ExperimentAnalysis, candidate: ExperimentAnalysis)? {
        guard let spec = e.spec else { return nil }
        return (ExperimentAnalysis(spec: spec, records: ResultDiff.remap(e.baseline.records, to: spec), resamples: options.resamples),
                ExperimentAnalysis(spec: spec, records: ResultDiff.remap(e.candidate.records, to: spec), resamples: options.resamples))
    }
}
