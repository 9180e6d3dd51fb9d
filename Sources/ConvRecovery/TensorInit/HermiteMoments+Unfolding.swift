/// The sigmoid/tanh subspace estimator of MATH.md §4.2–4.3 step 1: slices of
/// M̂₃ and the Gram matrix of its k×k² unfolding (sketched above k = 32).
extension HermiteMoments {
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
}
