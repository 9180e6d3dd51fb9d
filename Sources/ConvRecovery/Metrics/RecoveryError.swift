/// How far estimated kernels are from the true ones, after matching
/// (MATH.md §6).
///
/// Estimated kernel π(j) is matched to true kernel j by the Hungarian
/// algorithm on the cost ‖w_a − w*_b‖². Then
/// - relative error ‖W_π − W*‖_F / ‖W*‖_F (the headline "error"),
/// - max column error max_j ‖w_π(j) − w*_j‖ / ‖w*_j‖,
/// - success: max column error ≤ threshold (0.01 in [ZSJ+17] §7), and the
///   learned output signs equal the true ones under the matching when signs
///   are learned.
public struct RecoveryError: Sendable, Hashable, Codable {
    public var relativeError: Double
    public var maxColumnError: Double
    /// permutation[j] = index of the estimated kernel matched to true kernel j.
    public var permutation: [Int]
    /// Whether the estimated output signs equal the true ones under the
    /// matching; nil when signs were not learned.
    public var signsRecovered: Bool?

    public func success(threshold: Double) -> Bool {
        maxColumnError <= threshold && signsRecovered != false
    }

    /// Compares `estimate` with `truth`; `compareSigns` when signs were learned.
    public init(estimate: Matrix, truth: Matrix, estimatedSigns: [Double]? = nil, trueSigns: [Double]? = nil) {
        precondition(estimate.rows == truth.rows && estimate.columns == truth.columns)
        let t = truth.columns
        let estimateColumns = (0..<t).map { estimate.column($0) }
        let truthColumns = (0..<t).map { truth.column($0) }
        // cost[j][a]: true kernel j taking estimated kernel a.
        let cost = truthColumns.map { w in estimateColumns.map { e in zip(w, e).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } } }
        let permutation = Hungarian.assignment(cost)
        var squared = 0.0
        var maxColumn = 0.0
        for j in 0..<t {
            squared += cost[j][permutation[j]]
            let columnError = cost[j][permutation[j]].squareRoot() / truthColumns[j].euclideanNorm
            maxColumn = max(maxColumn, columnError.isNaN ? .infinity : columnError)
        }
        let relative = squared.squareRoot() / truth.frobeniusNorm
        self.relativeError = relative.isNaN ? .infinity : relative
        self.maxColumnError = maxColumn
        self.permutation = permutation
        if let estimatedSigns, let trueSigns {
            signsRecovered = (0..<t).allSatisfy { estimatedSigns[permutation[$0]] == trueSigns[$0] }
        } else {
            signsRecovered = nil
        }
    }
}
