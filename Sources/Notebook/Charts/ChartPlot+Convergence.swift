import Foundation

extension ExperimentAnalysis {
    /// The training loss (or error) against the iteration, from the stored
    /// histories; one block per series value.
    ///
    /// Columns: `iteration median q25 q75 trials`. At each recorded iteration
    /// the statistics run over every trial of the series; a trial that
    /// stopped earlier contributes its last recorded value (its final state).
    /// At most ~500 rows per series are written (evenly strided, the last
    /// iteration always kept).
    func convergencePlot(_ chart: ChartSpec) -> ChartPlot {
        let selected = points(where: chart.filter)
        let series = seriesValues(chart.series, selected)
        let metric = chart.y == "error" ? "error" : "loss"
        var text = dataHeader(chart, "iteration median q25 q75 trials",
                              ["median and quartiles of the \(metric) over trials; a stopped trial keeps its last value"])
        var contexts: [[String: TemplateValue]] = []
        var fits: [FittedValue] = []
        for (block, value) in series.enumerated() {
            let records = selected.filter { value == nil || $0[chart.series!] == value }.flatMap(\.records)
            let histories = records.map { r in
                r.history.map { (iteration: $0.iteration, value: metric == "error" ? ($0.error ?? .nan) : $0.loss) }
            }.filter { !$0.isEmpty }
            let iterations = Array(Set(histories.flatMap { $0.map(\.iteration) })).sorted()
            let stride = max(1, iterations.count / 500)
            var cursor = Array(repeating: 0, count: histories.count)
            var rows: [String] = []
            var medians: [Double] = []
            var medianIterations: [Double] = []
            for (k, iteration) in iterations.enumerated() {
                var values: [Double] = []
                for (h, history) in histories.enumerated() {
                    while cursor[h] + 1 < history.count && history[cursor[h] + 1].iteration <= iteration { cursor[h] += 1 }
                    if history[cursor[h]].iteration <= iteration { values.append(history[cursor[h]].value) }
                }
                let s = Statistics.Summary(values)
                medians.append(s.median)
                medianIterations.append(Double(iteration))
                if k % stride == 0 || k == iterations.count - 1 {
                    rows.append("\(iteration) \(Format.data(s.median)) \(Format.data(s.q25)) \(Format.data(s.q75)) \(values.count)")
                }
            }
            let title = value.map { "\($0)" } ?? ChartLabels.plain(metric)
            text += (block > 0 ? "\n\n" : "") + "# block \(block): \(chart.series.map { "\($0) = " } ?? "")\(value?.description ?? "all points") (\(histories.count) trials)\n"
            text += (rows.isEmpty ? "NaN NaN NaN NaN 0" : rows.joined(separator: "\n")) + "\n"
            contexts.append(ExperimentAnalysis.seriesContext(block, title: title))
            let floor = 10 * (medians.filter { $0 > 0 && $0.isFinite }.min() ?? 0)
            if let rate = Statistics.ConvergenceRate(errors: medians, iterations: medianIterations, floor: floor),
               rate.count >= 3 {
                let name = value.map { "\($0)" } ?? "all"
                fits.append(FittedValue(
                    key: "\(chart.id) \(name) rate", label: "contraction ρ of the median \(metric) per iteration, \(chart.series.map { "\($0) = " } ?? "")\(name) (chart \(chart.id))",
                    value: rate.factor, note: "R² = \(Format.number(rate.rSquared)) over \(rate.count) iterations above 10× the floor"))
            }
        }
        var context = commonContext(chart, xLabel: ChartLabels.label(Metric.iteration), yLabel: ChartLabels.label(metric),
                                    logX: chart.logX, logY: true)
        context["series"] = .list(contexts)
        context["has_key"] = .flag(series.count > 1)
        context["key_title"] = .text(chart.series.map { ChartLabels.escape($0.replacingOccurrences(of: "_", with: " ")) } ?? "")
        let names = chart.series.map { [$0] } ?? []
        return ChartPlot(spec: chart, data: text, context: context,
                         caption: caption(chart, "Median \(ChartLabels.plain(metric)) against the iteration (log scale), 25–75% of trials shaded.",
                                          selected, names: names), fits: fits)
    }
}
