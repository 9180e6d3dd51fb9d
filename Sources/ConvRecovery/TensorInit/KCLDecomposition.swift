/// Non-orthogonal symmetric CP decomposition T ≈ Σ_s λ_s u_s⊗u_s⊗u_s by
/// simultaneous diagonalisation of random projections ([KCL15]) with QRJ1D
/// as the joint diagonaliser (MATH.md §4.4).
///
/// Stage 1: L unit directions g_l ~ N(0, I_p)/‖·‖ from `source`,
/// M_l = T(I, I, g_l); QRJ1D gives B with B M_l Bᵀ ≈ diagonal; the
/// normalised columns of B⁻¹ are candidate components.
/// Stage 2: M'_m = T(I, I, c_m) along each candidate; QRJ1D again; the
/// normalised columns of its B⁻¹ are scored by Σ_m |(Z M'_m Zᵀ)[i,i]| with Z
/// the inverse of the matrix of those columns; the p best are returned, best
/// first. Inverses go through the pseudo-inverse (guards a singular B).
/// Cost O(L·p³ + sweeps·p³·L): negligible next to the moment passes.
public struct KCLDecomposition: Sendable {
    /// Unit components u_s (each up to sign), one per column, best first.
    public var components: Matrix
    /// The stage-2 scores of `components`.
    public var scores: [Double]
    /// Whether both QRJ1D runs met their tolerance.
    public var converged: Bool
    public var sweeps: [Int]

    public struct Options: Sendable {
        /// L, the number of stage-1 random projections.
        public var projections = 100
        /// QRJ1D tolerance is this times p.
        public var tolerancePerDimension = QRJ1D.defaultTolerancePerDimension
        public var maxSweeps = QRJ1D.defaultMaxSweeps
        public init() {}
    }

    public init(_ tensor: CubicTensor, source: RandomSource, options: Options = .init()) {
        let p = tensor.size
        precondition(p >= 1 && options.projections >= 1)
        let tolerance = options.tolerancePerDimension * Double(p)
        var stream = source.stream
        var projected: [Matrix] = []
        projected.reserveCapacity(options.projections)
        for _ in 0..<options.projections {
            var g = stream.gaussians(p)
            let norm = g.euclideanNorm
            if norm > 0 { for a in 0..<p { g[a] /= norm } }
            projected.append(tensor.contracted(with: g))
        }
        let first = QRJ1D(projected, tolerance: tolerance, maxSweeps: options.maxSweeps)
        let candidates = KCLDecomposition.normalisedColumns(LeastSquares.pseudoInverse(first.transform))

        let reprojected = (0..<p).map { tensor.contracted(with: candidates.column($0)) }
        let second = QRJ1D(reprojected, tolerance: tolerance, maxSweeps: options.maxSweeps)
        let refined = KCLDecomposition.normalisedColumns(LeastSquares.pseudoInverse(second.transform))
        let z = LeastSquares.pseudoInverse(refined)
        let zT = z.transposed
        var scores = [Double](repeating: 0, count: p)
        for m in reprojected {
            let d = z * m * zT
            for i in 0..<p { scores[i] += abs(d[i, i]) }
        }
        let order = (0..<p).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        components = refined.permutingColumns(order)
        self.scores = order.map { scores[$0] }
        converged = first.converged && second.converged
        sweeps = [first.sweeps, second.sweeps]
    }

    static func normalisedColumns(_ a: Matrix) -> Matrix {
        Matrix(columns: (0..<a.columns).map { j in
            let column = a.column(j)
            let norm = column.euclideanNorm
            return norm > 0 ? column.map { $0 / norm } : column
        })
    }
}
