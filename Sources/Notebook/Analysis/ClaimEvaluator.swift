import ConvRecovery
import Foundation

/// Decides claims against an experiment's stored trials. The decision rule
/// of every kind is documented in docs/reports.md ("How claims are decided").
///
/// Every rule compares a 95% interval (bootstrap percentile over trials
/// resampled within their point, or Wilson for success rates) with the
/// claimed bound: PASS when the whole interval satisfies it, FAIL when the
/// whole interval violates it, INCONCLUSIVE when it straddles the bound or
/// there are too few points to compute it. With `per`, each value is
/// decided alone; one FAIL fails the claim, and it passes only when every
/// group passes.
extension ExperimentAnalysis {
    public func evaluate(_ claim: ClaimSpec) -> ClaimOutcome {
        let check = claim.check
        let selected = points(where: check.filter)
        let groups: [(label: String, points: [PointSummary])] = if let per = check.per {
            ExperimentAnalysis.group(selected, by: [per]).map { ("\(per)=\($0.values[per]?.description ?? "?")", $0.points) }
        } else {
            [("", selected)]
        }
        let statistic: String = switch check.kind {
        case .powerLaw: "exponent"
        case .decreasing, .increasing: "slope"
        case .atMost: "largest \(check.y)"
        case .atLeast: "smallest \(check.y)"
        case .lessThan: PointSummary.isProportion(check.y) ? "difference" : "ratio"
        case .linearRate: "median R²"
        case .logIterations: check.x == Metric.iteration ? "median R²" : "slope per log x"
        }
        if selected.isEmpty && check.kind != .lessThan {
            return ClaimOutcome(claim: claim, statistic: statistic,
                                groups: [.inconclusive("", "no stored trial matches the claim's points")])
        }
        let outcomes = groups.map { group -> ClaimOutcome.Group in
            let source = source([.string("claim"), .string(claim.id), .string(group.label)])
            let g: ClaimOutcome.Group = switch check.kind {
            case .powerLaw: powerLaw(check, group.points, source)
            case .decreasing, .increasing: trend(check, group.points, source)
            case .atMost, .atLeast: bound(check, group.points, source)
            case .lessThan: lessThan(check, group.points, source)
            case .linearRate: linearRate(check, group.points, source)
            case .logIterations: logIterations(check, group.points, source)
            }
            return ClaimOutcome.Group(label: group.label, verdict: g.verdict, estimate: g.estimate,
                                      lower: g.lower, upper: g.upper, explanation: g.explanation)
        }
        return ClaimOutcome(claim: claim, statistic: statistic, groups: outcomes)
    }

    /// PASS when `interval` ⊂ `range`, FAIL when they are disjoint.
    static func inside(_ lower: Double, _ upper: Double, _ range: ClosedRange<Double>) -> ClaimOutcome.Verdict {
        if lower >= range.lowerBound && upper <= range.upperBound { return .pass }
        if upper < range.lowerBound || lower > range.upperBound { return .fail }
        return .inconclusive
    }

    private func curve(_ check: ClaimCheck, _ points: [PointSummary]) -> Curve? {
        guard let x = check.x else { return nil }
        return Curve(points: points, x: x, metric: check.y)
    }

    // MARK: power_law

    func powerLaw(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        guard let curve = curve(check, points), let range = check.exponent else {
            return .inconclusive("", "\(check.x ?? "x") is not a numeric parameter")
        }
        guard let fit = Statistics.PowerLawFit(x: curve.x, y: curve.y) else {
            return .inconclusive("", "fewer than two points with positive \(check.y) to fit")
        }
        let exponent: ([Double], [Double]) -> Double = { Statistics.PowerLawFit(x: $0, y: $1)?.exponent ?? .nan }
        guard let ci = curve.interval(exponent, resamples: resamples, source: source) else {
            return .inconclusive("", "the exponent could not be bootstrapped")
        }
        let verdict = Self.inside(ci.lower, ci.upper, range)
        let claimed = "[\(Format.number(range.lowerBound)), \(Format.number(range.upperBound))]"
        let what = "\(check.y) ∝ \(check.x!)^a over \(curve.x.count) values, a = \(Format.number(fit.exponent))"
        let explanation = switch verdict {
        case .pass: "\(what); its 95% interval lies inside \(claimed)"
        case .fail: "\(what); its 95% interval lies outside \(claimed)"
        case .inconclusive: "\(what); its 95% interval straddles a bound of \(claimed)"
        }
        return ClaimOutcome.Group(label: "", verdict: verdict, estimate: fit.exponent, lower: ci.lower,
                                  upper: ci.upper, explanation: explanation)
    }

    // MARK: decreasing / increasing

    /// The trend statistic: the log–log slope when every x and y is positive,
    /// else the slope of y against log x (x > 0), else of y against x.
    static func trendSlope(logX: Bool, logY: Bool) -> ([Double], [Double]) -> Double {
        { xs, ys in
            let u = logX ? xs.map { log($0) } : xs
            let v = logY ? ys.map { $0 > 0 ? log($0) : -.infinity } : ys
            return Statistics.LinearFit(x: u, y: v)?.slope ?? .nan
        }
    }

    func trend(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        guard let curve = curve(check, points) else { return .inconclusive("", "\(check.x ?? "x") is not a numeric parameter") }
        let ys = curve.y
        guard curve.x.count >= 2 else { return .inconclusive("", "fewer than two values of \(check.x!)") }
        let logX = curve.x.allSatisfy { $0 > 0 }
        let logY = ys.allSatisfy { $0 > 0 && $0.isFinite }
        let slope = Self.trendSlope(logX: logX, logY: logY)
        guard let ci = curve.interval(slope, resamples: resamples, source: source), !ci.estimate.isNaN else {
            return .inconclusive("", "the slope is undefined (y not finite)")
        }
        let falling = check.kind == .decreasing
        // Sign the slope so that "as claimed" is negative.
        let lo = falling ? ci.lower : -ci.upper, hi = falling ? ci.upper : -ci.lower
        let verdict: ClaimOutcome.Verdict = hi < 0 ? .pass : lo >= 0 ? .fail : .inconclusive
        let scale = logX && logY ? "log–log slope" : logX ? "slope of \(check.y) against log \(check.x!)" : "slope"
        let direction = falling ? "below" : "above"
        let explanation = switch verdict {
        case .pass: "\(scale) over \(curve.x.count) values: its 95% interval lies \(direction) 0"
        case .fail: "\(scale) over \(curve.x.count) values: its 95% interval does not reach \(direction) 0"
        case .inconclusive: "\(scale) over \(curve.x.count) values: its 95% interval contains 0"
        }
        return ClaimOutcome.Group(label: "", verdict: verdict, estimate: ci.estimate, lower: ci.lower,
                                  upper: ci.upper, explanation: explanation)
    }

    // MARK: at_most / at_least

    func bound(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        let value = check.value ?? .nan
        let atMost = check.kind == .atMost
        // Each unit: a label, an estimate and its interval.
        var units: [(label: String, estimate: Double, lower: Double, upper: Double)] = []
        if check.y == "n_star" {
            for t in sampleThresholds(groupBy: thresholdGrouping, where: [:], id: "claim-n-star")
            where points.contains(where: { p in t.values.allSatisfy { p[$0.key] == $0.value } }) {
                units.append((ExperimentAnalysis.label(t.values, order: thresholdGrouping), t.value,
                              t.interval?.lower ?? .nan, t.interval?.upper ?? .nan))
            }
        } else {
            for (i, point) in points.enumerated() {
                let label = point.point.label(varying)
                let values = point.values(check.y)
                guard !values.isEmpty else { continue }
                if PointSummary.isProportion(check.y) {
                    let k = values.count(where: { $0 == 1 })
                    let w = Statistics.wilsonInterval(successes: k, trials: values.count)!
                    units.append((label, w.estimate, w.lower, w.upper))
                } else if let ci = Statistics.Bootstrap.interval(
                    values, { Statistics.median($0) }, resamples: resamples, source: source.child(.integer(Int64(i)))) {
                    units.append((label, ci.estimate, ci.lower, ci.upper))
                }
            }
        }
        guard !units.isEmpty else { return .inconclusive("", "no trial recorded \(check.y)") }
        // Beyond the bound is positive.
        func excess(_ x: Double) -> Double { atMost ? x - value : value - x }
        let worst = units.max { excess($0.estimate) < excess($1.estimate) || $0.estimate.isNaN }!
        let sure = units.allSatisfy { excess(atMost ? $0.upper : $0.lower) <= 0 }
        let violated = units.first { excess(atMost ? $0.lower : $0.upper) > 0 }
        let verdict: ClaimOutcome.Verdict = violated != nil ? .fail : sure ? .pass : .inconclusive
        let op = atMost ? "≤" : "≥"
        let stat = PointSummary.isProportion(check.y) ? "rate (Wilson 95%)" : check.y == "n_star" ? "n* (bootstrap 95%)" : "median (bootstrap 95%)"
        let shown = violated ?? worst
        let explanation = switch verdict {
        case .pass: "\(stat) \(op) \(Format.number(value)) at all \(units.count) points, intervals included"
        case .fail: "\(stat) at \(shown.label.isEmpty ? "the point" : shown.label) is \(Format.number(shown.estimate)), interval entirely beyond \(Format.number(value))"
        case .inconclusive: "the interval at \(worst.label.isEmpty ? "a point" : worst.label) straddles \(Format.number(value))"
        }
        return ClaimOutcome.Group(label: "", verdict: verdict, estimate: shown.estimate, lower: shown.lower,
                                  upper: shown.upper, explanation: explanation)
    }

    // MARK: less_than

    func lessThan(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        // `points` are the `where` points (already filtered); pair each with the
        // `than` point equal on every other parameter, else pool both sides.
        let others = points.first.map { p in p.point.values.keys.filter { check.filter[$0] == nil && check.than[$0] == nil } } ?? []
        let thanPoints = self.points(where: check.than)
        guard !points.isEmpty, !thanPoints.isEmpty else {
            return .inconclusive("", "no stored trials on the \(points.isEmpty ? "where" : "than") side")
        }
        var pairs: [(String, [Double], [Double])] = []
        for p in points {
            guard let q = thanPoints.first(where: { q in others.allSatisfy { q[$0] == p[$0] } }) else { pairs = []; break }
            pairs.append((p.point.label(varying.filter { check.filter[$0] == nil && check.than[$0] == nil }),
                          p.values(check.y), q.values(check.y)))
        }
        if pairs.isEmpty {
            pairs = [("", points.flatMap { $0.values(check.y) }, thanPoints.flatMap { $0.values(check.y) })]
        }
        let proportion = PointSummary.isProportion(check.y)
        var results: [ClaimOutcome.Group] = []
        for (i, (label, a, b)) in pairs.enumerated() {
            guard !a.isEmpty, !b.isEmpty else { results.append(.inconclusive(label, "no \(check.y) recorded on one side")); continue }
            let useRatio = !proportion && (a + b).allSatisfy { $0 > 0 }
            let centre: ([Double]) -> Double = proportion ? { Statistics.mean($0) } : { Statistics.median($0) }
            let stat: ([[Double]]) -> Double = { g in useRatio ? centre(g[0]) / centre(g[1]) : centre(g[0]) - centre(g[1]) }
            guard let ci = Statistics.Bootstrap.groupedInterval([a, b], stat, resamples: resamples,
                                                                source: source.child(.integer(Int64(i)))) else {
                results.append(.inconclusive(label, "the comparison could not be bootstrapped")); continue
            }
            let reference = useRatio ? 1.0 : 0.0
            let verdict: ClaimOutcome.Verdict = ci.upper < reference ? .pass : ci.lower >= reference ? .fail : .inconclusive
            let what = useRatio ? "median ratio where/than" : proportion ? "rate difference where − than" : "median difference where − than"
            let explanation = switch verdict {
            case .pass: "\(what) = \(Format.number(ci.estimate)), 95% interval below \(Format.number(reference))"
            case .fail: "\(what) = \(Format.number(ci.estimate)), 95% interval not below \(Format.number(reference))"
            case .inconclusive: "\(what) = \(Format.number(ci.estimate)), 95% interval contains \(Format.number(reference))"
            }
            results.append(ClaimOutcome.Group(label: label, verdict: verdict, estimate: ci.estimate, lower: ci.lower,
                                              upper: ci.upper, explanation: explanation))
        }
        let g = ClaimOutcome.decisive(results)!
        let prefix = results.count > 1 ? "\(results.count) pairs; \(g.label.isEmpty ? "" : g.label + ": ")" : ""
        return ClaimOutcome.Group(label: "", verdict: ClaimOutcome.combine(results), estimate: g.estimate, lower: g.lower,
                                  upper: g.upper, explanation: prefix + g.explanation)
    }

    // MARK: linear_rate

    func linearRate(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        let minR2 = check.minR2 ?? 0.95
        let metric = check.y == "error" ? "error" : "loss"
        var slopes: [Double] = []
        var r2s: [Double] = []
        if (check.x ?? Metric.iteration) == Metric.iteration {
            for point in points {
                for record in point.records {
                    let ys = record.history.map { metric == "error" ? ($0.error ?? .nan) : $0.loss }
                    let floor = 10 * (ys.filter { $0 > 0 && $0.isFinite }.min() ?? 0)
                    guard let rate = Statistics.ConvergenceRate(
                        errors: ys, iterations: record.history.map { Double($0.iteration) }, floor: floor),
                        rate.count >= 3, !rate.rSquared.isNaN else { continue }
                    slopes.append(rate.slope)
                    r2s.append(rate.rSquared)
                }
            }
        } else if let curve = curve(check, points) {
            let ys = curve.y.map { $0 > 0 ? log($0) : .nan }
            if let fit = Statistics.LinearFit(x: curve.x, y: ys), !fit.rSquared.isNaN {
                slopes = [fit.slope]
                r2s = [fit.rSquared]
            }
        }
        guard !r2s.isEmpty else { return .inconclusive("", "no history with three or more points above its floor") }
        let pairs = zip(slopes, r2s).map { [$0, $1] }
        let r2ci = Statistics.Bootstrap.interval(r2s, { Statistics.median($0) }, resamples: resamples, source: source.child("r2"))!
        let slopeCI = Statistics.Bootstrap.interval(pairs.map { $0[0] }, { Statistics.median($0) }, resamples: resamples,
                                                    source: source.child("slope"))!
        let verdict: ClaimOutcome.Verdict =
            slopeCI.upper < 0 && r2ci.lower >= minR2 ? .pass
            : (slopeCI.lower >= 0 || r2ci.upper < minR2) ? .fail : .inconclusive
        let rho = exp(slopeCI.estimate)
        let what = "\(r2s.count) trial\(r2s.count == 1 ? "" : "s"): median R² of log \(metric) against iteration \(Format.number(r2ci.estimate)), contraction ρ = \(Format.number(rho, digits: 4)) per iteration"
        let explanation = switch verdict {
        case .pass: "\(what); R² interval ≥ \(Format.number(minR2)) and slope < 0"
        case .fail: slopeCI.lower >= 0 ? "\(what); the error does not decrease" : "\(what); R² interval below \(Format.number(minR2))"
        case .inconclusive: "\(what); the R² or slope interval straddles its bound (min R² \(Format.number(minR2)))"
        }
        return ClaimOutcome.Group(label: "", verdict: verdict, estimate: r2ci.estimate, lower: r2ci.lower,
                                  upper: r2ci.upper, explanation: explanation)
    }

    // MARK: log_iterations

    func logIterations(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        if check.x == Metric.iteration { return logIterationsFromHistory(check, points, source) }
        guard let curve = curve(check, points), curve.x.allSatisfy({ $0 > 0 }) else {
            return .inconclusive("", "\(check.x ?? "x") is not a positive numeric parameter")
        }
        let minR2 = check.minR2 ?? 0.9
        let fit = Statistics.LinearFit(x: curve.x.map { log($0) }, y: curve.y)
        guard let fit, curve.x.count >= 2 else { return .inconclusive("", "fewer than two values of \(check.x!)") }
        let slope: ([Double], [Double]) -> Double = { Statistics.LinearFit(x: $0.map { log($0) }, y: $1)?.slope ?? .nan }
        guard let ci = curve.interval(slope, resamples: resamples, source: source) else {
            return .inconclusive("", "the slope could not be bootstrapped")
        }
        let grows = ci.lower > 0 || ci.upper < 0
        let r2 = fit.rSquared
        let verdict: ClaimOutcome.Verdict =
            curve.x.count >= 3 && !(r2 >= minR2) ? .fail
            : grows && r2 >= minR2 && curve.x.count >= 3 ? .pass : .inconclusive
        let what = "\(check.y) = a + b·log \(check.x!) over \(curve.x.count) values: b = \(Format.number(fit.slope)), R² = \(Format.number(r2))"
        let explanation = switch verdict {
        case .pass: "\(what); b's 95% interval excludes 0 and R² ≥ \(Format.number(minR2))"
        case .fail: "\(what); R² below \(Format.number(minR2)): not linear in log \(check.x!)"
        case .inconclusive: curve.x.count < 3 ? "\(what); three or more values of \(check.x!) are needed"
            : "\(what); b's 95% interval contains 0"
        }
        return ClaimOutcome.Group(label: "", verdict: verdict, estimate: fit.slope, lower: ci.lower, upper: ci.upper,
                                  explanation: explanation)
    }

    /// `log_iterations` with `x: iteration`: within each trial's recorded
    /// history, k(ε) = the iteration where the error (or loss) first reaches
    /// ε (log-interpolated between the log-spaced records), for
    /// ε = 10⁻ʲ between the trial's first and last values; then the fit
    /// k = a + b·log ε per trial. Linear convergence means k grows like
    /// log(1/ε): b < 0 with R² near 1. Measuring ε within one trial keeps
    /// the problem fixed (points with different tolerances have different
    /// seeds, so their iteration counts differ by the spread of problems).
    /// PASS when the median R² interval is ≥ min_r2 and the slope interval
    /// is < 0; FAIL when the R² interval is below min_r2 or slope ≥ 0.
    func logIterationsFromHistory(_ check: ClaimCheck, _ points: [PointSummary], _ source: RandomSource) -> ClaimOutcome.Group {
        let minR2 = check.minR2 ?? 0.9
        let useError = check.y != "loss"
        var slopes: [Double] = [], r2s: [Double] = []
        for point in points {
            for record in point.records {
                let history = record.history.compactMap { h -> (Double, Double)? in
                    let y = useError ? (h.error ?? .nan) : h.loss
                    return y > 0 && y.isFinite ? (Double(h.iteration), y) : nil
                }
                guard let first = history.first?.1, let last = history.last?.1, first > 0, last > 0 else { continue }
                let high = Int(floor(log10(first))) - 1, low = Int(ceil(log10(last))) + 1
                guard high - low >= 2 else { continue }
                var epsilons: [Double] = [], iterations: [Double] = []
                for j in stride(from: high, through: low, by: -1) {
                    let epsilon = pow(10, Double(j))
                    // The history is recorded at log-spaced iterations:
                    // interpolate log y linearly between the two records
                    // around the crossing (exact for a geometric decay).
                    guard let i = history.firstIndex(where: { $0.1 <= epsilon }) else { continue }
                    var k = history[i].0
                    if i > 0 {
                        let (k0, y0) = history[i - 1], (k1, y1) = history[i]
                        let span = log(y1) - log(y0)
                        if span < 0 { k = k0 + (log(epsilon) - log(y0)) / span * (k1 - k0) }
                    }
                    epsilons.append(log(epsilon))
                    iterations.append(k)
                }
                guard let fit = Statistics.LinearFit(x: epsilons, y: iterations), !fit.rSquared.isNaN else { continue }
                slopes.append(fit.slope)
                r2s.append(fit.rSquared)
            }
        }
        let metric = useError ? "error" : "loss"
        guard !r2s.isEmpty else {
            return .inconclusive("", "no history spans three decades of its \(metric)")
        }
        let r2ci = Statistics.Bootstrap.interval(r2s, { Statistics.median($0) }, resamples: resamples, source: source.child("r2"))!
        let slopeCI = Statistics.Bootstrap.interval(slopes, { Statistics.median($0) }, resamples: resamples,
                                                    source: source.child("slope"))!
        let verdict: ClaimOutcome.Verdict =
            slopeCI.upper < 0 && r2ci.lower >= minR2 ? .pass
            : (slopeCI.lower >= 0 || r2ci.upper < minR2) ? .fail : .inconclusive
        let what = "\(r2s.count) trial\(r2s.count == 1 ? "" : "s"): iterations to reach \(metric) ε = a + b·log ε, "
            + "median b = \(Format.number(slopeCI.estimate)) (\(Format.number(-slopeCI.estimate * log(10))) iterations per decade), "
            + "median R² \(Format.number(r2ci.estimate))"
        let explanation = switch verdict {
        case .pass: "\(what); R² interval ≥ \(Format.number(minR2)) and b < 0"
        case .fail: slopeCI.lower >= 0 ? "\(what); the iterations do not grow as ε shrinks" : "\(what); R² interval below \(Format.number(minR2))"
        case .inconclusive: "\(what); the R² or slope interval straddles its bound"
        }
        return ClaimOutcome.Group(label: "", verdict: verdict, estimate: r2ci.estimate, lower: r2ci.lower,
                                  upper: r2ci.upper, explanation: explanation)
    }
}
