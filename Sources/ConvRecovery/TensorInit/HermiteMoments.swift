/// Patch-averaged Hermite moment estimators (MATH.md §4.1, §4.3 steps 1 and 3).
///
/// For every patch l, M_j = E[y H_j(x_(l))] = Σ_s v_s m_j(‖w_s‖) w̄_s^{⊗j}, so
/// each estimator averages over all n·r (sample, patch) pairs:
///
///     M̂_j = (1/(n r)) Σ_i Σ_l ŷ_i H_j(x_{i,(l)}),   ŷ_i = y_i − mean(y),
///
/// and for orders j ≥ 2 the label's linear part is removed as well,
/// ỹ_i = ŷ_i − Σ_l M̂_1ᵀ x_{i,(l)} (unbiased, 1.5–4x lower error).
///
/// Memory and cost: the inputs are read in place (row-major n×d is exactly
/// the (n·r)×k matrix of patches, so patch (i, l) starts at (i·r + l)·k);
/// nothing of size n·r×k is copied. Each estimator is one pass over X in
/// chunks of `chunkSize` samples; per-chunk partial sums are reduced in
/// chunk order, so results are bit-identical for any thread count.
public struct HermiteMoments: Sendable {
    /// Samples per chunk of the parallel passes (independent of threads).
    public static let chunkSize = 4096

    public let data: Dataset
    /// The samples the estimators average over (a part of the data when
    /// resampling).
    public let range: Range<Int>
    public let patchSize: Int
    public let patchCount: Int
    public let threads: Int
    /// mean(y) over `range`.
    public let labelMean: Double
    /// M̂₁ = (1/(n r)) Σ ŷ_i Σ_l x_{i,(l)} ∈ R^k.
    public let firstMoment: [Double]
    /// ỹ_i for the samples of `range` (index i − range.lowerBound).
    public let residualLabels: [Double]

    /// Computes mean(y), M̂₁ (one pass) and ỹ (a second pass) over `range`.
    public init(data: Dataset, range: Range<Int>? = nil, shape: NetworkShape, threads: Int = 1) {
        let range = range ?? 0..<data.sampleCount
        precondition(range.lowerBound >= 0 && range.upperBound <= data.sampleCount && !range.isEmpty,
                     "moment estimators need a non-empty range of samples")
        precondition(shape.dimension == data.dimension, "data dimension \(data.dimension) ≠ r·k = \(shape.dimension)")
        self.data = data
        self.range = range
        self.patchSize = shape.patchSize
        self.patchCount = shape.patchCount
        let threads = max(1, threads)
        self.threads = threads
        let n = range.count, k = shape.patchSize, r = shape.patchCount, d = data.dimension

        // mean(y), summed in chunk order like every other reduction.
        let labels = data.labels
        let ySum = HermiteMoments.chunkSums(range: range, width: 1, threads: threads) { chunk, acc in
            labels.withUnsafeBufferPointer { y in for i in chunk { acc[0] += y[i] } }
        }[0]
        let mean = ySum / Double(n)
        labelMean = mean

        let inputs = data.inputs
        var m1 = HermiteMoments.chunkSums(range: range, width: k, threads: threads) { chunk, acc in
            inputs.withUnsafeBufferPointer { xs in
                labels.withUnsafeBufferPointer { y in
                    for i in chunk {
                        let yHat = y[i] - mean
                        let row = xs.baseAddress! + i * d
                        for l in 0..<r {
                            let x = row + l * k
                            for a in 0..<k { acc[a] += yHat * x[a] }
                        }
                    }
                }
            }
        }
        let scale = 1 / Double(n * r)
        for a in 0..<k { m1[a] *= scale }
        firstMoment = m1

        // ỹ_i = ŷ_i − M̂₁ᵀ Σ_l x_{i,(l)}.
        let moment = m1
        var residual = [Double](repeating: 0, count: n)
        let lower = range.lowerBound
        residual.withUnsafeMutableBufferPointer { out in
            let target = SendablePointer(out.baseAddress!)
            let chunks = (n + HermiteMoments.chunkSize - 1) / HermiteMoments.chunkSize
            ChunkedParallel.forEach(chunkCount: chunks, threads: threads) { c in
                let start = lower + c * HermiteMoments.chunkSize
                let end = min(range.upperBound, start + HermiteMoments.chunkSize)
                inputs.withUnsafeBufferPointer { xs in
                    labels.withUnsafeBufferPointer { y in
                        moment.withUnsafeBufferPointer { m in
                            for i in start..<end {
                                let row = xs.baseAddress! + i * d
                                var linear = 0.0
                                for l in 0..<r {
                                    let x = row + l * k
                                    for a in 0..<k { linear += m[a] * x[a] }
                                }
                                target.base[i - lower] = y[i] - mean - linear
                            }
                        }
                    }
                }
            }
        }
        residualLabels = residual
    }

    var scale: Double { 1 / Double(range.count * patchCount) }

    // MARK: Second order

    /// M̂₂ = (1/(n r)) Σ ỹ (x xᵀ − I) ∈ R^{k×k} (P̂₂ of the relu family and
    /// squared-relu; Q̂₂ = Vᵀ M̂₂ V). O(n·r·k²).
    public func secondMoment() -> Matrix {
        let k = patchSize, r = patchCount, d = data.dimension, lower = range.lowerBound
        let inputs = data.inputs, weights = residualLabels
        let sums = HermiteMoments.chunkSums(range: range, width: k * k + 1, threads: threads) { chunk, acc in
            inputs.withUnsafeBufferPointer { xs in
                weights.withUnsafeBufferPointer { yt in
                    for i in chunk {
                        let w = yt[i - lower]
                        acc[k * k] += w
                        let row = xs.baseAddress! + i * d
                        for l in 0..<r {
                            let x = row + l * k
                            for b in 0..<k {
                                let wb = w * x[b]
                                let column = acc.baseAddress! + b * k
                                for a in 0...b { column[a] += wb * x[a] }
                            }
                        }
                    }
                }
            }
        }
        var m2 = Matrix(rows: k, columns: k)
        let s = scale, identityWeight = sums[k * k] * Double(r) * s
        for b in 0..<k {
            for a in 0...b {
                let v = sums[a + b * k] * s
                m2[a, b] = v
                m2[b, a] = v
            }
            m2[b, b] -= identityWeight
        }
        return m2
    }

    // MARK: Chunked reduction

    /// Chunks reduced per round; bounds the memory of the partial sums to
    /// `roundSize`·width doubles whatever n is (the k³ slices at k = 32 are
    /// 256 KB per chunk).
    static let roundSize = 16

    /// Σ over chunks of `body(chunkRange, partial)`, each chunk of
    /// `chunkSize` samples accumulating into its own zeroed buffer of
    /// `width`. Chunks run in fixed rounds of `roundSize`; within a round
    /// they run in parallel, and partials are added to the total in chunk
    /// order, so the result is bit-identical for any thread count.
    static func chunkSums(range: Range<Int>, width: Int, threads: Int,
                          _ body: @escaping @Sendable (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        let n = range.count
        let chunks = (n + chunkSize - 1) / chunkSize
        var total = [Double](repeating: 0, count: width)
        var first = 0
        while first < chunks {
            let round = min(roundSize, chunks - first)
            let firstChunk = first
            let partials = ChunkedParallel.map(chunkCount: round, threads: threads) { c -> [Double] in
                let start = range.lowerBound + (firstChunk + c) * chunkSize
                let end = min(range.upperBound, start + chunkSize)
                var acc = [Double](repeating: 0, count: width)
                acc.withUnsafeMutableBufferPointer { body(start..<end, $0) }
                return acc
            }
            for partial in partials { for j in 0..<width { total[j] += partial[j] } }
            first += round
        }
        return total
    }
}
