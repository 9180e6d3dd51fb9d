import Foundation

extension ExperimentAnalysis {
    /// A metric against a parameter, one block per series value.
    ///
    /// Columns: `x centre low high min max mean trials failed`, where centre
    /// is the median and low–high the quartiles (25–75%) of the trials; for
    /// rates centre is the success rate and low–high its Wilson 95% interval
    /// (min, max, mean are then the rate again); for `n_star` centre is n*
    /// and low–high its bootstrap 95% interval (NaN when unbounded).
    /// A theory curve, when given, is the last block: `x theory`.
    func linePlot(_ chart: ChartSpec) -> ChartPlot {
        let selected = points(where: chart.filter)
        let series = seriesValues(chart.series, selected)
        let proportion = PointSummary.isProportion(chart.y)
        let nStar = chart.y == "n_star"
        // Series drawn with error bars are dodged sideways a little so their
        // bars do not hide each other (column 10, `x_shifted`).
        let shift = { (i: Int) -> Double in Double(i) - Double(series.count - 1) / 2 }
        func dodged(_ x: Double, _ i: Int) -> Double {
            guard proportion || nStar || categorical, series.count > 1 else { return x }
            if categorical { return x + 0.08 * shift(i) }
            return chart.logX && x > 0 ? x * pow(1.04, shift(i)) : x + 0.01 * shift(i) * xSpan
        }
        let categories = ExperimentAnalysis.ordered(selected.compactMap { $0[chart.x] })
        let categorical = categories.contains { $0.number == nil }
        let allX = categorical ? categories.indices.map(Double.init) : selected.compactMap { $0[chart.x]?.number }
        let xSpan = (allX.max() ?? 0) - (allX.min() ?? 0)
        var text = dataHeader(chart, "\(chart.x) centre low high min max mean trials failed x_shifted",
                              [nStar ? "centre = n* (success rate crosses 0.5, log-interpolated in samples); low, high = bootstrap 95% interval"
                                  : proportion ? "centre = success rate; low, high = Wilson 95% interval"
                                  : "centre = median of \(chart.y) over trials; low, high = 25% and 75% quantiles"])
        var seriesContexts: [[String: TemplateValue]] = []
        var fitPairs: [(x: Double, y: Double, values: [String: ParameterValue])] = []
        var block = 0
        var seriesPoints: [[PointSummary]] = []
        for value in series {
            let members = selected.filter { value == nil || $0[chart.series!] == value }
            seriesPoints.append(members)
            var rows: [String] = []
            if nStar {
                let names = [chart.x] + (chart.series.map { [$0] } ?? [])
                let thresholds = sampleThresholds(groupBy: names, where: chart.filter.merging(
                    chart.series.flatMap { s in value.map { [s: $0] } } ?? [:]) { a, _ in a }, id: "chart-\(chart.id)")
                for t in thresholds.sorted(by: { ($0.values[chart.x]?.number ?? 0) < ($1.values[chart.x]?.number ?? 0) }) {
                    guard let x = t.values[chart.x]?.number else { continue }
                    let trials = t.curve.reduce(0) { $0 + $1.trials.count }
                    let v = t.value
                    rows.append([x, v, t.interval?.lower ?? .nan, t.interval?.upper ?? .nan, v, v, v]
                        .map(Format.data).joined(separator: " ") + " \(trials) 0 " + Format.data(dodged(x, block)))
                    let p = members.first { $0[chart.x]?.number == x }
                    if v.isFinite, v > 0 { fitPairs.append((x, v, p?.point.values ?? [:])) }
                }
            } else {
                // Numeric x at its value; a categorical x (activation, init)
                // at positions 0, 1, … labelled with the values.
                let positions: [(value: ParameterValue, x: Double)] = categorical
                    ? categories.enumerated().map { ($1, Double($0)) }
                    : ExperimentAnalysis.ordered(members.compactMap { $0[chart.x] }).map { ($0, $0.number!) }
                for (category, x) in positions {
                    let atX = members.filter { $0[chart.x] == category }
                    guard !atX.isEmpty else { continue }
                    let values = atX.flatMap { $0.values(chart.y) }
                    let trials = atX.reduce(0) { $0 + $1.trials }, failed = atX.reduce(0) { $0 + $1.failed }
                    var columns: [Double]
                    if proportion {
                        let k = values.count(where: { $0 == 1 })
                        let w = Statistics.wilsonInterval(successes: k, trials: max(values.count, 1))
                        let rate = values.isEmpty ? Double.nan : Double(k) / Double(values.count)
                        columns = [x, rate, w?.lower ?? .nan, w?.upper ?? .nan, rate, rate, rate]
                    } else {
                        let s = Statistics.Summary(values)
                        columns = [x, s.median, s.q25, s.q75, s.min, s.max, s.mean]
                    }
                    rows.append(columns.map(Format.data).joined(separator: " ") + " \(trials) \(failed) " + Format.data(dodged(x, block)))
                    if !categorical, columns[1] > 0, columns[1].isFinite { fitPairs.append((x, columns[1], atX[0].point.values)) }
                }
            }
            let title = value.map { "\($0)" } ?? ChartLabels.plain(chart.y)
            text += (block > 0 ? "\n\n" : "") + "# block \(block): \(chart.series.map { "\($0) = " } ?? "")\(value?.description ?? "all points")\n"
            text += rows.joined(separator: "\n") + "\n"
            seriesContexts.append(ExperimentAnalysis.seriesContext(block, title: title))
            block += 1
        }
        var fits: [FittedValue] = []
        var theoryContexts: [[String: TemplateValue]] = []
        if let expression = chart.theoryExpression, !fitPairs.isEmpty {
            let c = TheoryCurve.fitC(expression, xName: chart.x, pairs: fitPairs)
            let xs = fitPairs.map(\.x)
            let grid = ExperimentAnalysis.grid(xs.min()!, xs.max()!, log: chart.logX && xs.min()! > 0)
            // One curve per series when the formula reads a parameter that
            // differs between series; otherwise one curve.
            let reads = expression.variables.subtracting(["x", "c", chart.x])
            let perSeries = chart.series != nil && reads.contains { name in
                Set(seriesPoints.compactMap { $0.first?[name] }).count > 1
            }
            let groups = perSeries ? seriesPoints : [seriesPoints.flatMap { $0 }]
            for (g, members) in groups.enumerated() where !members.isEmpty {
                let rows = grid.map { x -> String in
                    let nearest = members.min { a, b in
                        abs(log(a[chart.x]?.number ?? 1) - log(x)) < abs(log(b[chart.x]?.number ?? 1) - log(x))
                    }
                    let y = TheoryCurve.evaluate(expression, x: x, xName: chart.x, c: c ?? 1,
                                                 values: nearest?.point.values ?? [:])
                    return Format.data(x) + " " + Format.data(y)
                }
                text += "\n\n# block \(block): theory \(chart.theory ?? "")\(c.map { ", c = \(Format.data($0))" } ?? "")\n# columns: \(chart.x) theory\n"
                text += rows.joined(separator: "\n") + "\n"
                var context: [String: TemplateValue] = ["index": .text(String(block)),
                    "title": .text(g == 0 ? "theory " + TheoryCurve.label(expression, c: c, xName: chart.x) : "")]
                context["color"] = .text(perSeries ? ChartStyle.color(g) : "#555555")
                theoryContexts.append(context)
                block += 1
            }
            if let c {
                fits.append(FittedValue(key: "\(chart.id) c", label: "c in \(chart.theory ?? "") (chart \(chart.id))",
                                        value: c, note: "least squares in log space over \(fitPairs.count) points"))
            }
        }
        var context = commonContext(chart, xLabel: ChartLabels.label(chart.x), yLabel: ChartLabels.label(chart.y),
                                    logX: chart.logX && !categorical, logY: chart.logY)
        context["categorical"] = .flag(categorical)
        context["xtics"] = .text(categories.enumerated().map { "\"\(ChartLabels.escape($1.description))\" \($0)" }.joined(separator: ", "))
        context["series"] = .list(seriesContexts)
        context["theory"] = .list(theoryContexts)
        // A categorical x gets error bars (quartiles) instead of a band.
        context["band"] = .flag(!proportion && !nStar && !categorical)
        context["errorbars"] = .flag(proportion || nStar || categorical)
        context["has_key"] = .flag(series.count > 1 || !theoryContexts.isEmpty)
        context["key_title"] = .text(chart.series.map { ChartLabels.escape($0.replacingOccurrences(of: "_", with: " ")) } ?? "")
        context["yrange"] = .text(proportion ? "[-0.03:1.03]" : "")
        context["has_yrange"] = .flag(proportion)
        if let lo = allX.min(), let hi = allX.max() {
            let range = categorical ? (lo - 0.5, hi + 0.5) : chart.logX && lo > 0 ? (lo / 1.15, hi * 1.15)
                : lo < hi ? (lo - 0.04 * (hi - lo), hi + 0.04 * (hi - lo)) : (lo - 0.5, hi + 0.5)
            context["xrange"] = .text("[\(Format.data(range.0)):\(Format.data(range.1))]")
        }
        // The key goes in the corner the curves leave free: bottom right when
        // they rise, top right when they fall.
        let firsts = fitPairs.isEmpty ? [] : seriesPoints.compactMap { members -> Double? in
            guard let curve = Curve(points: members, x: chart.x, metric: nStar ? "success" : chart.y) else { return nil }
            let y = curve.y.filter { $0.isFinite }
            guard let a = y.first, let b = y.last else { return nil }
            return b - a
        }
        let rising = nStar || firsts.reduce(0, +) > 0
        context["key_position"] = .text(rising ? "bottom right" : "top right")
        context["has_xrange"] = .flag(!allX.isEmpty)
        let what = nStar ? "n* (where the success rate crosses ½) with bootstrap 95% intervals"
            : proportion ? "Success rate with Wilson 95% intervals"
            : categorical ? "Median of \(ChartLabels.plain(chart.y)) with bars from the 25% to the 75% quantile of trials"
            : "Median of \(ChartLabels.plain(chart.y)) with the 25–75% range of trials shaded"
        let theoryNote = fits.first.map { " Dashed: \(chart.theory ?? "") with c = \(Format.number($0.value)) fitted in log space." } ?? ""
        let names = [chart.x] + (chart.series.map { [$0] } ?? [])
        return ChartPlot(spec: chart, data: text, context: context,
                         caption: caption(chart, what + "." + theoryNote, selected, names: names), fits: fits)
    }
}
