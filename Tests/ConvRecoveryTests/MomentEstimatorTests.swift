import Testing
import ConvRecovery

/// Moment estimators against their population values
/// M_j = Σ_s v_s m_j(‖w_s‖) w̄_s^{⊗j} (MATH.md §4.1, §8).
///
/// Tolerance from the Monte Carlo error, estimated by batch means: the
/// sample is cut into B = 20 equal batches, the estimator is recomputed on
/// each, and the standard error of the full-sample estimate of an entry is
/// se = sd(batch estimates)/√B. Each entry must lie within 6·se of its
/// population value (se floored at half the median se over entries, so an
/// entry whose batch spread happens to be tiny does not get a razor-thin
/// tolerance). With ≤ 125 entries per check, a 6σ band fails by chance with
/// probability < 1e−6 even allowing for the ±16% uncertainty of a 20-batch
/// sd. To show the check has power, the Frobenius error must also be a small
/// fraction of the population's norm.
@Suite struct MomentEstimatorTests {
    static let shape = NetworkShape(patchSize: 5, patchCount: 3, kernelCount: 3)
    static let sampleCount = 120_000
    static let batches = 20

    static func unit(_ w: [Double]) -> [Double] { let n = w.euclideanNorm; return w.map { $0 / n } }

    /// Population M_j contracted as a flat array: order 1 → k, 2 → k², 3 → k³
    /// (entry [a,b,c] at a + k(b + k c)).
    static func population(_ truth: Network, order: Int) -> [Double] {
        let k = truth.kernels.rows
        var out = [Double](repeating: 0, count: (0..<order).reduce(1) { p, _ in p * k })
        for s in 0..<truth.kernels.columns {
            let w = truth.kernels.column(s)
            let weight = truth.outputSigns[s] * truth.activation.hermiteMoment(order, sigma: w.euclideanNorm)
            let u = unit(w)
            for index in out.indices {
                var value = weight, rest = index
                for _ in 0..<order { value *= u[rest % k]; rest /= k }
                out[index] += value
            }
        }
        return out
    }

    /// Population M₄(·,·,·,α) as a k³ array.
    static func populationFourth(_ truth: Network, alpha: [Double]) -> [Double] {
        let k = truth.kernels.rows
        var out = [Double](repeating: 0, count: k * k * k)
        for s in 0..<truth.kernels.columns {
            let w = truth.kernels.column(s)
            let u = unit(w)
            let weight = truth.outputSigns[s] * truth.activation.hermiteMoment(4, sigma: w.euclideanNorm) * u.dot(alpha)
            for c in 0..<k { for b in 0..<k { for a in 0..<k { out[a + k * (b + k * c)] += weight * u[a] * u[b] * u[c] } } }
        }
        return out
    }

    /// Checks `estimate(full sample)` against `truth` with the batch-means
    /// tolerance described above; returns (max |error|/se, relative Frobenius error).
    static func check(_ trial: TensorInitTestSupport.Trial, population: [Double],
                      estimate: (HermiteMoments) -> [Double]) -> (z: Double, relative: Double) {
        let n = trial.data.sampleCount, size = n / batches
        let full = estimate(HermiteMoments(data: trial.data, shape: shape, threads: 2))
        let perBatch = (0..<batches).map { b in
            estimate(HermiteMoments(data: trial.data, range: (b * size)..<((b + 1) * size), shape: shape, threads: 2))
        }
        var se = [Double](repeating: 0, count: full.count)
        for e in full.indices {
            let values = perBatch.map { $0[e] }
            let mean = values.reduce(0, +) / Double(batches)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches - 1)
            se[e] = (variance / Double(batches)).squareRoot()
        }
        let floor = 0.5 * se.sorted()[se.count / 2]
        var z = 0.0
        for e in full.indices { z = max(z, abs(full[e] - population[e]) / max(se[e], floor)) }
        let relative = zip(full, population).map { $0 - $1 }.euclideanNorm / population.euclideanNorm
        return (z, relative)
    }

    static func trial(_ activation: Activation, signs: GroundTruth.Signs = .random, seed: UInt64 = 11) -> TensorInitTestSupport.Trial {
        TensorInitTestSupport.trial(seed: seed, shape: shape, signs: signs, activation: activation, sampleCount: sampleCount)
    }

    @Test func firstAndSecondMomentRelu() {
        let t = Self.trial(.relu)
        let first = Self.check(t, population: Self.population(t.truth, order: 1)) { $0.firstMoment }
        #expect(first.z < 6)
        #expect(first.relative < 0.05)
        let second = Self.check(t, population: Self.population(t.truth, order: 2)) { $0.secondMoment().values }
        #expect(second.z < 6)
        #expect(second.relative < 0.1)
    }

    @Test func thirdMomentSlicesSquaredRelu() {
        let t = Self.trial(.squaredRelu)
        let k = Self.shape.patchSize
        // thirdMomentSlices()[a][b, c] = M₃[a, b, c].
        let result = Self.check(t, population: Self.population(t.truth, order: 3)) { moments in
            let slices = moments.thirdMomentSlices()
            var flat = [Double](repeating: 0, count: k * k * k)
            for a in 0..<k { for c in 0..<k { for b in 0..<k { flat[a + k * (b + k * c)] = slices[a][b, c] } } }
            return flat
        }
        #expect(result.z < 6)
        #expect(result.relative < 0.1)
    }

    @Test func thirdMomentSlicesTanh() {
        let t = Self.trial(.tanh, signs: .ones)
        let k = Self.shape.patchSize
        let result = Self.check(t, population: Self.population(t.truth, order: 3)) { moments in
            let slices = moments.thirdMomentSlices()
            var flat = [Double](repeating: 0, count: k * k * k)
            for a in 0..<k { for c in 0..<k { for b in 0..<k { flat[a + k * (b + k * c)] = slices[a][b, c] } } }
            return flat
        }
        #expect(result.z < 6)
        #expect(result.relative < 0.15)
    }

    /// The sketch slices M̂₃(·,·,g) are linear in g: with g = e_a they must
    /// equal the exact slices, and for Gaussian g they estimate M₃(·,·,g).
    @Test func sketchedSlices() {
        let t = Self.trial(.squaredRelu)
        let k = Self.shape.patchSize
        let moments = HermiteMoments(data: t.data, shape: Self.shape, threads: 2)
        let exact = moments.thirdMomentSlices()
        let viaIdentity = moments.sketchedThirdMomentSlices(directions: Matrix.identity(k))
        for a in 0..<k {
            let difference = (exact[a] - viaIdentity[a]).frobeniusNorm
            #expect(difference <= 1e-12 * exact[a].frobeniusNorm)
        }
        var stream = RandomSource(seed: 5).stream
        let directions = Matrix(rows: k, columns: 4, values: stream.gaussians(4 * k))
        let m3 = Self.population(t.truth, order: 3)
        var population = [Double](repeating: 0, count: 4 * k * k)
        for m in 0..<4 { for c in 0..<k { for b in 0..<k { for a in 0..<k {
            population[m * k * k + b + k * c] += m3[a + k * (b + k * c)] * directions[a, m]
        } } } }
        let result = Self.check(t, population: population) { moments in
            moments.sketchedThirdMomentSlices(directions: directions).flatMap { $0.values }
        }
        #expect(result.z < 6)
        #expect(result.relative < 0.1)
    }

    /// P̂₂ of sigmoid/tanh is exactly Σ_a Â_a Â_a of the estimated slices,
    /// and its top-t eigenvectors span ≈ span W*.
    @Test func unfoldingGram() {
        let t = Self.trial(.tanh, signs: .ones)
        let k = Self.shape.patchSize
        let moments = HermiteMoments(data: t.data, shape: Self.shape, threads: 2)
        let gram = moments.unfoldingGram(kernelCount: 3, sketchSource: RandomSource(seed: 1))
        var expected = Matrix(rows: k, columns: k)
        for slice in moments.thirdMomentSlices() { expected = expected + slice * slice }
        #expect((gram - expected).frobeniusNorm <= 1e-12 * expected.frobeniusNorm)
        let v = SymmetricEigen(gram).topVectors(byMagnitude: 3)
        #expect(TensorInitTestSupport.subspaceSine(v, t.truth.kernels) < 0.05)
    }

    /// R̂₃ with V = I_k is the full M̂₃ (squared-relu) …
    @Test func projectedThirdMomentIdentityBasis() {
        let t = Self.trial(.squaredRelu)
        let k = Self.shape.patchSize
        let result = Self.check(t, population: Self.population(t.truth, order: 3)) {
            $0.projectedThirdMoment(basis: Matrix.identity(k)).values
        }
        #expect(result.z < 6)
        #expect(result.relative < 0.1)
        // … and with an orthonormal k×t basis it is M̂₃(V, V, V).
        let moments = HermiteMoments(data: t.data, shape: Self.shape, threads: 2)
        var stream = RandomSource(seed: 2).stream
        let v = GroundTruth.orthonormalFactor(rows: k, columns: 3, stream: &stream)
        let small = moments.projectedThirdMoment(basis: v)
        let full = moments.projectedThirdMoment(basis: Matrix.identity(k))
        var worst = 0.0
        for p in 0..<3 { for q in 0..<3 { for u in 0..<3 {
            var value = 0.0
            for c in 0..<k { for b in 0..<k { for a in 0..<k { value += full[a, b, c] * v[a, p] * v[b, q] * v[c, u] } } }
            worst = max(worst, abs(value - small[p, q, u]))
        } } }
        #expect(worst <= 1e-12 * full.values.euclideanNorm)
    }

    /// … and R̂₃ = M̂₄(I, I, I, α) (relu, random signs).
    @Test func projectedFourthMomentIdentityBasis() {
        let t = Self.trial(.relu)
        let k = Self.shape.patchSize
        var stream = RandomSource(seed: 3).stream
        let alpha = Self.unit(stream.gaussians(k))
        let result = Self.check(t, population: Self.populationFourth(t.truth, alpha: alpha)) {
            $0.projectedFourthMoment(basis: Matrix.identity(k), direction: alpha).values
        }
        #expect(result.z < 6)
        #expect(result.relative < 0.15)
    }
}
