import ConvRecovery
import Foundation

/// A metric against a parameter, in the form the fits and trend claims
/// bootstrap: the distinct x values, the *cells* whose trials are resampled
/// (one per x for an ordinary metric; one per (x, sample count) for n*), and
/// the reduction of cells to one y per x.
///
/// A statistic of the curve (an exponent, a slope) gets its interval from
/// `Statistics.Bootstrap.groupedInterval` over the cells: every cell keeps
/// its trial count, its trials are drawn with replacement, and the
/// statistic is recomputed on the reduced curve.
public struct Curve: Sendable {
    /// Distinct x values, ascending.
    public let x: [Double]
    /// Trial values of each cell (1/0 for successes).
    public let cells: [[Double]]
    /// For each cell, the index of its x.
    let cellX: [Int]
    /// For each cell, its sample count (n* curves only).
    let cellSamples: [Double]
    let metric: String

    /// The y per x of the (possibly resampled) cells: the median, the
    /// success rate for proportions, n* for `n_star` (0 when always above ½,
    /// +∞ when never reached).
    public func reduce(_ cells: [[Double]]) -> [Double] {
        if metric == "n_star" {
            return x.indices.map { i in
                let curve = cells.indices.filter { cellX[$0] == i && !cells[$0].isEmpty }.map { c in
                    (x: cellSamples[c], rate: Statistics.mean(cells[c]))
                }
                switch Statistics.Threshold.locate(rates: curve) {
                case .crossed(let n): return n
                case .alwaysAbove: return 0
                case .neverReached: return .infinity
                }
            }
        }
        var pooled = Array(repeating: [Double](), count: x.count)
        for (c, values) in cells.enumerated() { pooled[cellX[c]] += values }
        return pooled.map { values in
            if values.isEmpty { return .nan }
            return PointSummary.isProportion(metric) ? Statistics.mean(values) : Statistics.median(values)
        }
    }

    /// y per x on the stored trials.
    public var y: [Double] { reduce(cells) }

    /// Trials behind each x.
    public var trialCounts: [Int] {
        var counts = Array(repeating: 0, count: x.count)
        for (c, values) in cells.enumerated() { counts[cellX[c]] += values.count }
        return counts
    }

    /// The curve of `metric` against parameter `x` over `points` (points
    /// with equal x pooled); nil when x is not numeric at every point.
    public init?(points: [PointSummary], x parameter: String, metric: String) {
        var xs: [Double] = []
        for point in points {
            guard let v = point[parameter]?.number else { return nil }
            if !xs.contains(v) { xs.append(v) }
        }
        xs.sort()
        self.x = xs
        self.metric = metric
        if metric == "n_star" {
            var keys: [(Int, Double)] = []
            var cells: [[Double]] = []
            for point in points {
                guard let n = point[SampleThreshold.sampleParameter]?.number else { continue }
                let i = xs.firstIndex(of: point[parameter]!.number!)!
                let values = point.values("success")
                if let c = keys.firstIndex(where: { $0 == (i, n) }) { cells[c] += values } else {
                    keys.append((i, n))
                    cells.append(values)
                }
            }
            self.cells = cells
            self.cellX = keys.map(\.0)
            self.cellSamples = keys.map(\.1)
        } else {
            var cells = Array(repeating: [Double](), count: xs.count)
            for point in points { cells[xs.firstIndex(of: point[parameter]!.number!)!] += point.values(metric) }
            self.cells = cells
            self.cellX = Array(xs.indices)
            self.cellSamples = Array(repeating: .nan, count: xs.count)
        }
    }

    /// A bootstrap percentile interval of `statistic` of the reduced curve.
    public func interval(_ statistic: @escaping ([Double], [Double]) -> Double, resamples: Int,
                         source: RandomSource) -> Statistics.BootstrapInterval? {
        let xs = x
        return Statistics.Bootstrap.groupedInterval(
            cells, { statistic(xs, reduce($0)) }, resamples: resamples, source: source)
    }
}
