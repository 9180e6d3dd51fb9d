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

    // MARK: Third order, sigmoid/tanh subspace

    /// The k slices Â_a = M̂₃(·,·,e_a) = (1/(n r)) Σ ỹ [x_a x xᵀ − x e_aᵀ −
    /// e_a xᵀ − x_a I], each k×k. O(n·r·k³/6) time and O(k³) memory: meant
    /// for k ≤ 32 (above it `unfoldingGram` sketches instead).
    public func thirdMomentSlices() -> [Matrix] {
        let k = patchSize, r = patchCount, d = data.dimension, lower = range.lowerBound
        let inputs = data.inputs, weights = residualLabels
        let kk = k * k, kkk = kk * k
        // Layout: T[a,b,c] at c + k·(b + k·a) for a ≤ b ≤ c, then Σ ỹ x (k values).
        let sums = HermiteMoments.chunkSums(range: range, width: kkk + k, threads: threads) { chunk, acc in
            inputs.withUnsafeBufferPointer { xs in
                weights.withUnsafeBufferPointer { yt in
                    let base = acc.baseAddress!
                    for i in chunk {
                        let w = yt[i - lower]
                        let row = xs.baseAddress! + i * d
                        for l in 0..<r {
                            let x = row + l * k
                            for a in 0..<k {
                                let wa = w * x[a]
                                base[kkk + a] += wa
                                for b in a..<k {
                                    let wab = wa * x[b]
                                    let line = base + (b + k * a) * k
                                    for c in b..<k { line[c] += wab * x[c] }
                                }
                            }
                        }
                    }
                }
            }
        }
        let s = scale
        func t(_ a: Int, _ b: Int, _ c: Int) -> Double {
            let sorted = [a, b, c].sorted()
            return sums[sorted[2] + k * (sorted[1] + k * sorted[0])]
        }
        let m = (0..<k).map { sums[kkk + $0] }
        return (0..<k).map { a in
            var slice = Matrix(rows: k, columns: k)
            for c in 0..<k {
                for b in 0..<k {
                    var v = t(a, b, c)
                    if c == a { v -= m[b] }
                    if b == a { v -= m[c] }
                    if b == c { v -= m[a] }
                    slice[b, c] = v * s
                }
            }
            return slice
        }
    }

    /// Number of Gaussian sketch directions above k = 32: q = 4t + 8.
    public static func sketchDirections(kernelCount t: Int) -> Int { 4 * t + 8 }

    /// P̂₂ for sigmoid and tanh: the Gram matrix Σ_a Â_a Â_a of the k×k²
    /// unfolding of M̂₃ (positive semidefinite, rank t in population, column
    /// space span W*). Above k = 32 a sketch with q = 4t + 8 Gaussian
    /// directions g_m ~ N(0, I_k) from `sketchSource` replaces the e_a:
    /// P̂₂ ≈ (1/q) Σ_m M̂₃(·,·,g_m)², with the same expectation.
    public func unfoldingGram(kernelCount t: Int, sketchSource: RandomSource) -> Matrix {
        let k = patchSize
        let slices: [Matrix]
        let weight: Double
        if k <= 32 {
            slices = thirdMomentSlices()
            weight = 1
        } else {
            let q = HermiteMoments.sketchDirections(kernelCount: t)
            var stream = sketchSource.stream
            let directions = Matrix(rows: k, columns: q, values: stream.gaussians(k * q))
            slices = sketchedThirdMomentSlices(directions: directions)
            weight = 1 / Double(q)
        }
        var gram = Matrix(rows: k, columns: k)
        for slice in slices {
            let square = slice * slice
            for i in 0..<(k * k) { gram.values[i] += weight * square.values[i] }
        }
        // Symmetrise exactly (the sum of squares of symmetric slices is
        // symmetric up to rounding; dsyevd reads only one triangle anyway).
        for b in 0..<k { for a in 0..<b { let v = 0.5 * (gram[a, b] + gram[b, a]); gram[a, b] = v; gram[b, a] = v } }
        return gram
    }

    /// M̂₃(·,·,g) = (1/(n r)) Σ ỹ [(gᵀx) x xᵀ − x gᵀ − g xᵀ − (gᵀx) I] for each
    /// column g of `directions` (k×q). O(n·r·q·k²/2).
    public func sketchedThirdMomentSlices(directions: Matrix) -> [Matrix] {
        let k = patchSize, r = patchCount, d = data.dimension, lower = range.lowerBound
        let q = directions.columns
        precondition(directions.rows == k)
        let inputs = data.inputs, weights = residualLabels, g = directions.values
        let kk = k * k
        let sums = HermiteMoments.chunkSums(range: range, width: q * kk + k, threads: threads) { chunk, acc in
            var projections = [Double](repeating: 0, count: q)
            inputs.withUnsafeBufferPointer { xs in
                weights.withUnsafeBufferPointer { yt in
                    g.withUnsafeBufferPointer { gs in
                        projections.withUnsafeMutableBufferPointer { proj in
                            let base = acc.baseAddress!
                            for i in chunk {
                                let w = yt[i - lower]
                                let row = xs.baseAddress! + i * d
                                for l in 0..<r {
                                    let x = row + l * k
                                    for a in 0..<k { base[q * kk + a] += w * x[a] }
                                    for m in 0..<q {
                                        var sm = 0.0
                                        let gm = gs.baseAddress! + m * k
                                        for a in 0..<k { sm += gm[a] * x[a] }
                                        proj[m] = w * sm
                                    }
                                    for m in 0..<q {
                                        let block = base + m * kk
                                        let wm = proj[m]
                                        for b in 0..<k {
                                            let wb = wm * x[b]
                                            let column = block + b * k
                                            for a in 0...b { column[a] += wb * x[a] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let s = scale
        let m = (0..<k).map { sums[q * kk + $0] }
        return (0..<q).map { j in
            let gj = directions.column(j)
            let gm = gj.dot(m)
            var slice = Matrix(rows: k, columns: k)
            for c in 0..<k {
                for b in 0..<k {
                    var v = b <= c ? sums[j * kk + b + c * k] : sums[j * kk + c + b * k]
                    v -= m[b] * gj[c] + gj[b] * m[c]
                    if b == c { v -= gm }
                    slice[b, c] = v * s
                }
            }
            return slice
        }
    }

    // MARK: Projected third-order tensors R̂₃ = P̂₃(V, V, V)

    /// R̂₃ = M̂₃(V, V, V) with z = Vᵀx:
    /// R̂₃[a,b,c] = (1/(n r)) Σ ỹ z_a z_b z_c − (m̄_a δ_bc + m̄_b δ_ac + m̄_c δ_ab),
    /// m̄ = (1/(n r)) Σ ỹ z. O(n·r·(k·t + t³/6)).
    public func projectedThirdMoment(basis v: Matrix) -> CubicTensor {
        let t = v.columns
        let sums = projectedSums(basis: v, direction: nil)
        let s = scale
        var tensor = CubicTensor(size: t)
        for a in 0..<t { for b in a..<t { for c in b..<t { tensor[a, b, c] = sums[c + t * (b + t * a)] * s } } }
        tensor.symmetriseFromSorted()
        let mBar = (0..<t).map { sums[t * t * t + $0] * s }
        for a in 0..<t {
            for b in 0..<t {
                tensor[a, b, b] -= mBar[a]
                tensor[b, a, b] -= mBar[a]
                tensor[b, b, a] -= mBar[a]
            }
        }
        return tensor
    }

    /// R̂₃ = M̂₄(V, V, V, α) with z = Vᵀx, s = αᵀx, a = Vᵀα:
    /// R̂₃[p,q,u] = (1/(n r)) Σ ỹ { s z_p z_q z_u − (z_p z_q a_u + z_p z_u a_q + z_q z_u a_p)
    ///   − s (z_p δ_qu + z_q δ_pu + z_u δ_pq) + (a_p δ_qu + a_q δ_pu + a_u δ_pq) }.
    /// O(n·r·(k·t + t³/6)).
    public func projectedFourthMoment(basis v: Matrix, direction alpha: [Double]) -> CubicTensor {
        let t = v.columns, k = patchSize
        precondition(alpha.count == k)
        let sums = projectedSums(basis: v, direction: alpha)
        let s = scale, ttt = t * t * t
        // a = Vᵀα.
        let aV = (0..<t).map { j in v.column(j).dot(alpha) }
        var tensor = CubicTensor(size: t)
        for p in 0..<t { for q in p..<t { for u in q..<t { tensor[p, q, u] = sums[u + t * (q + t * p)] } } }
        tensor.symmetriseFromSorted()
        // B₂ = Σ ỹ z zᵀ (upper at q + t·p, p ≤ q), b₁ = Σ ỹ s z, c₀ = Σ ỹ.
        func b2(_ p: Int, _ q: Int) -> Double { p <= q ? sums[ttt + q + t * p] : sums[ttt + p + t * q] }
        let b1 = (0..<t).map { sums[ttt + t * t + $0] }
        let c0 = sums[ttt + t * t + t]
        for u in 0..<t {
            for q in 0..<t {
                for p in 0..<t {
                    var value = tensor[p, q, u]
                    value -= b2(p, q) * aV[u] + b2(p, u) * aV[q] + b2(q, u) * aV[p]
                    if q == u { value += -b1[p] + c0 * aV[p] }
                    if p == u { value += -b1[q] + c0 * aV[q] }
                    if p == q { value += -b1[u] + c0 * aV[u] }
                    tensor[p, q, u] = value * s
                }
            }
        }
        return tensor
    }

    /// One pass accumulating, with w = ỹ (no α) or w = ỹ·αᵀx (with α):
    /// Σ w z_a z_b z_c (a ≤ b ≤ c, at c + t(b + t a)), then without α Σ ỹ z,
    /// with α Σ ỹ z_p z_q (p ≤ q), Σ ỹ s z and Σ ỹ.
    private func projectedSums(basis v: Matrix, direction alpha: [Double]?) -> [Double] {
        let k = patchSize, r = patchCount, d = data.dimension, lower = range.lowerBound, t = v.columns
        precondition(v.rows == k)
        let ttt = t * t * t
        let withAlpha = alpha != nil
        let width = withAlpha ? ttt + t * t + t + 1 : ttt + t
        let inputs = data.inputs, weights = residualLabels, basis = v.values
        let direction = alpha ?? []
        return HermiteMoments.chunkSums(range: range, width: width, threads: threads) { chunk, acc in
            var zStorage = [Double](repeating: 0, count: t)
            inputs.withUnsafeBufferPointer { xs in
                weights.withUnsafeBufferPointer { yt in
                    basis.withUnsafeBufferPointer { vs in
                        direction.withUnsafeBufferPointer { al in
                            zStorage.withUnsafeMutableBufferPointer { z in
                                let base = acc.baseAddress!
                                for i in chunk {
                                    let y = yt[i - lower]
                                    let row = xs.baseAddress! + i * d
                                    for l in 0..<r {
                                        let x = row + l * k
                                        for j in 0..<t {
                                            let column = vs.baseAddress! + j * k
                                            var zj = 0.0
                                            for a in 0..<k { zj += column[a] * x[a] }
                                            z[j] = zj
                                        }
                                        var w = y
                                        if withAlpha {
                                            var s = 0.0
                                            for a in 0..<k { s += al[a] * x[a] }
                                            w = y * s
                                            let pairs = base + ttt
                                            for p in 0..<t {
                                                let yp = y * z[p]
                                                for q in p..<t { pairs[q + t * p] += yp * z[q] }
                                            }
                                            let linear = pairs + t * t
                                            for p in 0..<t { linear[p] += w * z[p] }
                                            linear[t] += y
                                        } else {
                                            let linear = base + ttt
                                            for p in 0..<t { linear[p] += y * z[p] }
                                        }
                                        for a in 0..<t {
                                            let wa = w * z[a]
                                            for b in a..<t {
                                                let wab = wa * z[b]
                                                let line = base + t * (b + t * a)
                                                for c in b..<t { line[c] += wab * z[c] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
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
