import Testing
import ConvRecovery

/// KCL/QRJ1D on exact rank-t symmetric tensors with pipeline-like
/// components (MATH.md §8): u_s = Uᵀ w̄_s for a κ = 2 truth W* = U Σ Vᵀ
/// (exactly the unit vectors R̂₃ would hold if V spanned W*), weights
/// λ_s = m₃(‖w_s‖) of squared-relu, all positive. Gaussian random
/// components are no oracle (QRJ1D stops early on up to 26% of them).
@Suite struct KCLDecompositionTests {
    static func exactTensor(kernelCount t: Int, seed: UInt64) -> (tensor: CubicTensor, components: Matrix) {
        let shape = NetworkShape(patchSize: 10, patchCount: 1, kernelCount: t)
        var stream = RandomSource(seed: seed).child("truth").stream
        let truth = GroundTruth.draw(shape: shape, conditionNumber: 2, signs: .ones, activation: .squaredRelu, stream: &stream)
        // An orthonormal basis of span W*: the left singular vectors, via
        // the top-t eigenvectors of W* W*ᵀ.
        let basis = SymmetricEigen(truth.kernels * truth.kernels.transposed).topVectors(byMagnitude: t)
        var columns: [[Double]] = [], weights: [Double] = []
        for s in 0..<t {
            let w = truth.kernels.column(s)
            let norm = w.euclideanNorm
            let u = (basis.transposed * Matrix(rows: 10, columns: 1, values: w.map { $0 / norm })).values
            let un = u.euclideanNorm
            columns.append(u.map { $0 / un })
            weights.append(Activation.squaredRelu.hermiteMoment(3, sigma: norm))
        }
        let components = Matrix(columns: columns)
        return (CubicTensor.symmetric(weights: weights, components: components), components)
    }

    @Test(arguments: 1...6)
    func recoversExactTensors(kernelCount t: Int) {
        var options = KCLDecomposition.Options()
        options.tolerancePerDimension = 1e-10
        options.maxSweeps = 1000
        for seed in UInt64(1)...5 {
            let (tensor, components) = Self.exactTensor(kernelCount: t, seed: seed)
            let kcl = KCLDecomposition(tensor, source: RandomSource(seed: seed).child("kcl"), options: options)
            #expect(kcl.converged, "t = \(t), seed \(seed): QRJ1D did not meet 1e-10·p")
            let error = TensorInitTestSupport.componentDistance(kcl.components, components)
            #expect(error <= 1e-6, "t = \(t), seed \(seed): KCL component error \(error)")
            // Jennrich on the same exact tensor agrees.
            let jennrich = Jennrich.decompose(tensor, source: RandomSource(seed: seed).child("jennrich"))
            #expect(jennrich != nil)
            if let jennrich {
                let agreement = TensorInitTestSupport.componentDistance(kcl.components, jennrich)
                #expect(agreement <= 1e-6, "t = \(t), seed \(seed): KCL vs Jennrich \(agreement)")
            }
        }
    }

    /// With the pipeline's default tolerance 1e−4·p the error is ~1e−3.
    @Test func defaultToleranceIsAboutOneInAThousand() {
        for seed in UInt64(1)...5 {
            let (tensor, components) = Self.exactTensor(kernelCount: 3, seed: seed)
            let kcl = KCLDecomposition(tensor, source: RandomSource(seed: seed).child("kcl"))
            #expect(TensorInitTestSupport.componentDistance(kcl.components, components) <= 1e-2)
        }
    }

    /// QRJ1D on exactly jointly diagonalisable matrices A D_l Aᵀ.
    @Test func qrj1dDiagonalisesExactly() {
        var stream = RandomSource(seed: 9).stream
        let p = 5
        let a = Matrix(rows: p, columns: p, values: stream.gaussians(p * p))
        let matrices = (0..<20).map { _ -> Matrix in
            var d = Matrix(rows: p, columns: p)
            for i in 0..<p { d[i, i] = stream.nextGaussian() }
            return a * d * a.transposed
        }
        let result = QRJ1D(matrices, tolerance: 1e-12, maxSweeps: 1000)
        #expect(result.converged)
        for (m, diagonalised) in zip(matrices, result.diagonalised) {
            let direct = result.transform * m * result.transform.transposed
            #expect((direct - diagonalised).frobeniusNorm <= 1e-9 * direct.frobeniusNorm)
            var off = 0.0
            for j in 0..<p { for i in 0..<p where i != j { off = max(off, abs(direct[i, j])) } }
            #expect(off <= 1e-8 * direct.frobeniusNorm)
        }
    }
}
