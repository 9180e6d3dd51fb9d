import ConvRecovery

/// Helpers shared by the tensor-initialisation tests.
enum TensorInitTestSupport {
    /// All permutations of 0..<n (n ≤ 6 in these tests).
    static func permutations(_ n: Int) -> [[Int]] {
        if n == 0 { return [[]] }
        var result: [[Int]] = []
        for rest in permutations(n - 1) {
            for position in 0...rest.count {
                var p = rest
                p.insert(n - 1, at: position)
                result.append(p)
            }
        }
        return result
    }

    /// max_j ‖w_π(j) − w*_j‖/‖w*_j‖ minimised over permutations π by brute
    /// force (MATH.md §8 allows enumeration for t ≤ 6), with the π found.
    static func maxColumnError(_ w: Matrix, truth: Matrix) -> (error: Double, permutation: [Int]) {
        let t = truth.columns
        var best = Double.infinity, bestPermutation = Array(0..<t)
        for p in permutations(t) {
            var worst = 0.0
            for j in 0..<t {
                let difference = zip(w.column(p[j]), truth.column(j)).map { $0 - $1 }
                worst = max(worst, difference.euclideanNorm / truth.column(j).euclideanNorm)
            }
            if worst < best { best = worst; bestPermutation = p }
        }
        return (best, bestPermutation)
    }

    /// Columns of `a` against columns of `b` up to sign and order:
    /// max over columns of min(‖a − b‖, ‖a + b‖) under the best permutation.
    static func componentDistance(_ a: Matrix, _ b: Matrix) -> Double {
        let t = b.columns
        var best = Double.infinity
        for p in permutations(t) {
            var worst = 0.0
            for j in 0..<t {
                let x = a.column(p[j]), y = b.column(j)
                let minus = zip(x, y).map { $0 - $1 }.euclideanNorm
                let plus = zip(x, y).map { $0 + $1 }.euclideanNorm
                worst = max(worst, min(minus, plus))
            }
            best = min(best, worst)
        }
        return best
    }

    struct Trial {
        var truth: Network
        var data: Dataset
    }

    /// A κ-conditioned truth and n noise-free samples, all from `seed`.
    static func trial(seed: UInt64, shape: NetworkShape, kappa: Double = 2, signs: GroundTruth.Signs = .ones,
                      activation: Activation, sampleCount: Int, threads: Int = 2) -> Trial {
        let source = RandomSource(seed: seed)
        var stream = source.child("truth").stream
        let truth = GroundTruth.draw(shape: shape, conditionNumber: kappa, signs: signs, activation: activation, stream: &stream)
        let data = DataGenerator.draw(truth: truth, sampleCount: sampleCount, source: source.child("data"), threads: threads)
        return Trial(truth: truth, data: data)
    }

    static let activations: [Activation] = [.relu, .leakyRelu(slope: 0.01), .squaredRelu, .sigmoid, .tanh]
}

extension TensorInitTestSupport {
    /// sin of the largest principal angle between span(a) and span(b)
    /// (a with orthonormal columns; b any full-rank basis of equal rank).
    static func subspaceSine(_ a: Matrix, _ b: Matrix) -> Double {
        // Orthonormalise b by Gram–Schmidt, then sin θ_max = ‖(I − A Aᵀ) Q_b‖₂ ≤ ‖·‖_F.
        var q: [[Double]] = []
        for j in 0..<b.columns {
            var v = b.column(j)
            for u in q { let d = u.dot(v); v = zip(v, u).map { $0 - d * $1 } }
            let n = v.euclideanNorm
            q.append(v.map { $0 / n })
        }
        let qb = Matrix(columns: q)
        let projected = a * (a.transposed * qb)
        let residual = qb - projected
        // Largest singular value via the top eigenvalue of residualᵀ residual.
        let gram = residual.transposed * residual
        return SymmetricEigen(gram).values.max()!.squareRoot()
    }
}
