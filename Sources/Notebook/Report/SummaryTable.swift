import Foundation

/// The per-point summary: a short Markdown table in the report and every
/// statistic of every metric in summary.csv.
extension ExperimentAnalysis {
    /// The parameters that label a point: the varying ones, or `dimension`
    /// when nothing varies.
    var labelParameters: [String] { varying.isEmpty ? ["dimension"] : varying }

    /// summary.csv: one row per plan point (points without trials included,
    /// with trials = 0). Columns: the labelling parameters, `point` (the
    /// canonical key), trials, failed, successes, success_rate,
    /// success_lower, success_upper (Wilson 95%), then for each metric
    /// `<metric>_{count,median,mean,q25,q75,min,max,sd}`.
    public func summaryCSV() -> String {
        let metrics = PointSummary.metricNames.filter { name in points.contains { $0.metrics[name] != nil } }
        var header = labelParameters + ["point", "trials", "failed", "successes", "success_rate", "success_lower", "success_upper"]
        for m in metrics { header += ["count", "median", "mean", "q25", "q75", "min", "max", "sd"].map { "\(m)_\($0)" } }
        var lines = [header.map(csvField).joined(separator: ",")]
        for p in points {
            var row = labelParameters.map { p[$0]?.description ?? "" } + [p.point.key, String(p.trials), String(p.failed), String(p.successes)]
            if let w = p.successRate { row += [w.estimate, w.lower, w.upper].map(Format.data) } else { row += ["", "", ""] }
            for m in metrics {
                if let s = p.metrics[m] {
                    row += [String(s.count)] + [s.median, s.mean, s.q25, s.q75, s.min, s.max, s.sd].map(Format.data)
                } else {
                    row += Array(repeating: "", count: 8)
                }
            }
            lines.append(row.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The report's table: labelling parameters, trials, failed, success rate
    /// [Wilson], and the median [q25, q75] of error, init_error, iterations
    /// and time_total when recorded.
    func summaryTable() -> (columns: [String], rows: [[String]]) {
        let shown = ["error", "init_error", "iterations", "time_total"].filter { m in points.contains { $0.metrics[m] != nil } }
        let columns = labelParameters + ["trials", "failed", "success rate"] + shown.map { ChartLabels.plain($0) == $0 ? $0 : $0 }
        let rows = points.map { p -> [String] in
            var row = labelParameters.map { p[$0]?.description ?? "" } + [String(p.trials), String(p.failed)]
            row.append(p.successRate.map { "\(Format.number($0.estimate, digits: 2)) [\(Format.number($0.lower, digits: 2)), \(Format.number($0.upper, digits: 2))]" } ?? "—")
            for m in shown {
                guard let s = p.metrics[m], s.count > 0 else { row.append("—"); continue }
                row.append("\(Format.number(s.median)) [\(Format.number(s.q25)), \(Format.number(s.q75))]")
            }
            return row
        }
        return (columns, rows)
    }
}
