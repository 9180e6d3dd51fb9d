/// R̂₃ = P̂₃(V, V, V) straight from the samples (MATH.md §4.3 step 3), for
/// P₃ = M₃ and P₃ = M₄(·,·,·,α); a k×k×k tensor is never formed.
extension HermiteMoments {
    /// Q̂₂ = Vᵀ M̂₂ V ∈ R^{t×t} (with ỹ), for the output signs (§4.3 step 5).
    /// Pass `secondMoment` when M̂₂ of these samples is already known (it is
    /// P̂₂ for the relu family and squared-relu) to skip the pass.
    public func projectedSecondMoment(basis v: Matrix, secondMoment: Matrix? = nil) -> Matrix {
        let m2 = secondMoment ?? self.secondMoment()
        precondition(m2.rows == patchSize && v.rows == patchSize)
        return v.transposed * m2 * v
    }

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
    func projectedSums(basis v: Matrix, direction alpha: [Double]?) -> [Double] {
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
}
