import Foundation

extension ExperimentAnalysis {
    /// A metric over two parameters drawn as a grid of cells, indexed by the
    /// position of each value (so geometric sweeps get equal cells, as in the
    /// paper's Figure 1a) with the values as tic labels.
    ///
    /// Blocks: 0 the grid, `i j z x y trials` (one scan line per y value);
    /// 1 the empirical 50% contour, `i j crossing y` (the x where the row's
    /// success rate crosses ½, at its fractional grid position); 2 the theory
    /// curve, `i j x y`, when given.
    func heatmapPlot(_ chart: ChartSpec) -> ChartPlot {
        let selected = points(where: chart.filter)
        let z = chart.z ?? "success_rate"
        let proportion = PointSummary.isProportion(z)
        let xs = ExperimentAnalysis.ordered(selected.compactMap { $0[chart.x] })
        let ys = ExperimentAnalysis.ordered(selected.compactMap { $0[chart.y] })
        var text = dataHeader(chart, "i j \(z) \(chart.x) \(chart.y) trials",
                              ["block 0: the grid; i, j = positions of \(chart.x) and \(chart.y) among their values",
                               proportion ? "\(z) = success rate" : "\(z) = median over trials"])
        var rates: [[Double]] = []
        for (j, y) in ys.enumerated() {
            var row: [Double] = []
            for (i, x) in xs.enumerated() {
                let cell = selected.filter { $0[chart.x] == x && $0[chart.y] == y }
                let values = cell.flatMap { $0.values(z) }
                let v: Double = values.isEmpty ? .nan
                    : proportion ? Double(values.count(where: { $0 == 1 })) / Double(values.count) : Statistics.median(values)
                row.append(v)
                text += "\(i) \(j) \(Format.data(v)) \(x) \(y) \(cell.reduce(0) { $0 + $1.trials })\n"
            }
            rates.append(row)
            text += "\n"
        }
        let xNumbers = xs.map { $0.number ?? .nan }
        let logPositions = xNumbers.allSatisfy { $0 > 0 }
        /// Fractional grid position of an x value (log-interpolated when every x is positive).
        func position(_ value: Double) -> Double {
            guard xNumbers.count > 1, value.isFinite else { return xNumbers.count == 1 && value == xNumbers[0] ? 0 : .nan }
            let t = logPositions ? { (u: Double) in log(u) } : { (u: Double) in u }
            for k in 0..<(xNumbers.count - 1) where value >= xNumbers[k] && value <= xNumbers[k + 1] {
                return Double(k) + (t(value) - t(xNumbers[k])) / (t(xNumbers[k + 1]) - t(xNumbers[k]))
            }
            return .nan
        }
        // The 50% contour: per row, where the success rate crosses ½ along x.
        var contourRows: [String] = []
        var crossings: [(x: Double, y: Double, values: [String: ParameterValue])] = []
        if proportion, xNumbers.allSatisfy({ $0.isFinite }) {
            for (j, y) in ys.enumerated() {
                let curve = zip(xNumbers, rates[j]).map { (x: $0, rate: $1) }
                if case .crossed(let n) = Statistics.Threshold.locate(rates: curve) {
                    contourRows.append("\(Format.data(position(n))) \(j) \(Format.data(n)) \(y)")
                    if let yv = y.number, let p = selected.first(where: { $0[chart.y] == y }) { crossings.append((n, yv, p.point.values)) }
                }
            }
        }
        text += "\n# block 1: empirical 50% success contour (crossing of \(chart.x) per \(chart.y) row)\n# columns: i j \(chart.x) \(chart.y)\n"
        text += contourRows.isEmpty ? "NaN NaN NaN NaN\n" : contourRows.joined(separator: "\n") + "\n"
        // Theory: the formula gives the x of the crossing as a function of the
        // row's parameters (e.g. samples = c · dimension); c fitted to the contour.
        var fits: [FittedValue] = []
        var hasTheory = false
        var theoryTitle = ""
        if let expression = chart.theoryExpression, !crossings.isEmpty || !expression.variables.contains("c") {
            let c = TheoryCurve.fitC(expression, xName: "", pairs: crossings.map { ($0.y, $0.x, $0.values) })
            var rows: [String] = []
            for (j, y) in ys.enumerated() {
                guard let p = selected.first(where: { $0[chart.y] == y }) else { continue }
                let v = TheoryCurve.evaluate(expression, x: y.number ?? .nan, xName: chart.y, c: c ?? 1, values: p.point.values)
                rows.append("\(Format.data(position(v))) \(j) \(Format.data(v)) \(y)")
            }
            text += "\n\n# block 2: theory \(chart.theory ?? "")\(c.map { ", c = \(Format.data($0))" } ?? "")\n# columns: i j \(chart.x) \(chart.y)\n"
            text += rows.joined(separator: "\n") + "\n"
            hasTheory = true
            theoryTitle = "theory " + TheoryCurve.label(expression, c: c, xName: "")
            if let c {
                fits.append(FittedValue(key: "\(chart.id) c", label: "c in \(chart.theory ?? "") (chart \(chart.id))", value: c,
                                        note: "fitted in log space to the 50% contour of \(crossings.count) rows"))
            }
        }
        func tics(_ values: [ParameterValue]) -> String {
            let step = max(1, Int((Double(values.count) / 10).rounded(.up)))
            return values.enumerated().filter { $0.offset % step == 0 }
                .map { "\"\(ChartLabels.escape(ChartLabels.compact($0.element)))\" \($0.offset)" }.joined(separator: ", ")
        }
        var context = commonContext(chart, xLabel: ChartLabels.label(chart.x), yLabel: ChartLabels.label(chart.y),
                                    logX: false, logY: false)
        context["zlabel"] = .text(ChartLabels.label(z))
        context["xtics"] = .text(tics(xs))
        context["ytics"] = .text(tics(ys))
        context["xrange"] = .text("[-0.5:\(Double(xs.count) - 0.5)]")
        context["yrange"] = .text("[-0.5:\(Double(ys.count) - 0.5)]")
        context["cbrange"] = .text(proportion ? "[0:1]" : "[*:*]")
        context["log_cb"] = .flag(chart.logY && !proportion)
        context["contour"] = .flag(!contourRows.isEmpty)
        context["theory"] = .flag(hasTheory)
        context["theory_title"] = .text(theoryTitle)
        context["has_key"] = .flag(!contourRows.isEmpty || hasTheory)
        let what = (proportion ? "Success rate" : "Median \(ChartLabels.plain(z))") + " over \(chart.x) and \(chart.y)"
            + (contourRows.isEmpty ? "" : "; circles: where the success rate crosses ½ in each row")
            + (hasTheory ? "; dashed: \(chart.theory ?? "")" + (fits.first.map { " with c = \(Format.number($0.value))" } ?? "") : "")
        return ChartPlot(spec: chart, data: text, context: context,
                         caption: caption(chart, what + ".", selected, names: [chart.x, chart.y]), fits: fits)
    }
}

extension ChartLabels {
    /// A short tic label: 20000 → 2·10⁴ is not needed; integers stay whole,
    /// reals at three significant digits.
    static func compact(_ value: ParameterValue) -> String {
        if let n = value.number, value.integer == nil { return Format.number(n) }
        return value.description
    }
}
