import Testing
import ConvRecovery

/// End-to-end initialisation error against the numbers of MATH.md §8.
@Suite struct TensorInitEndToEndTests {
    static let cnn = NetworkShape(patchSize: 10, patchCount: 4, kernelCount: 3)

    /// MATH.md §8, mean max column error over 5 seeds with the ỹ refinement,
    /// k = 10, r = 4, t = 3, κ = 2, n = 2·10⁴ (leaky-relu with a = 0.01 is
    /// within 1% of relu: same moments up to the factor 1 − a).
    static func reported(_ activation: Activation) -> Double {
        switch activation {
        case .relu, .leakyRelu: 0.17
        case .squaredRelu: 0.08
        case .sigmoid: 0.07
        case .tanh: 0.12
        }
    }

    /// Mean over seeds of (init error, error of a random Gaussian W with the
    /// truth's Frobenius norm).
    static func meanErrors(_ activation: Activation, sampleCount n: Int, options: TensorInitialisation.Options = .init(),
                           seeds: ClosedRange<UInt64> = 1...5) -> (initialisation: Double, random: Double) {
        var total = 0.0, baseline = 0.0
        for seed in seeds {
            let trial = TensorInitTestSupport.trial(seed: seed, shape: cnn, activation: activation, sampleCount: n)
            let result = TensorInitialisation.run(data: trial.data, shape: cnn, activation: activation, learnSigns: false,
                                                  knownSigns: nil, source: RandomSource(seed: seed).child("init"), options: options)
            total += TensorInitTestSupport.maxColumnError(result.kernels, truth: trial.truth.kernels).error
            var stream = RandomSource(seed: seed).child("random-init").stream
            let w = Matrix(rows: cnn.patchSize, columns: cnn.kernelCount, values: stream.gaussians(cnn.patchSize * cnn.kernelCount))
            let scaled = (trial.truth.kernels.frobeniusNorm / w.frobeniusNorm) * w
            baseline += TensorInitTestSupport.maxColumnError(scaled, truth: trial.truth.kernels).error
        }
        let count = Double(seeds.count)
        return (total / count, baseline / count)
    }

    /// Bounds: MATH.md's figures are means over 5 seeds from an independent
    /// implementation, with a seed spread of 10–40%; a mean over 5 other
    /// seeds can therefore differ from them by well under a factor 2, while
    /// a wrong formula (a missing correction term, the wrong Givens
    /// direction, the authors' squared-relu norm) costs 1.5–10x. So: mean ≤
    /// 2× the reported value. And an initialisation must beat a random one
    /// by a wide margin: a random W of the right scale has max column error
    /// ≈ 1.5; we require the mean to be under a quarter of it.
    @Test(arguments: TensorInitTestSupport.activations)
    func cnnErrorMatchesReportedValues(activation: Activation) {
        let (initialisation, random) = Self.meanErrors(activation, sampleCount: 20_000)
        #expect(initialisation <= 2 * Self.reported(activation), "\(activation): mean max column error \(initialisation)")
        #expect(initialisation <= 0.25 * random, "\(activation): \(initialisation) against random \(random)")
    }

    /// With `resample` each of the three thirds holds 2·10⁴ samples, so the
    /// error at n = 6·10⁴ should be that of n = 2·10⁴ without splitting.
    @Test(arguments: [Activation.relu, .squaredRelu, .tanh])
    func resampleSplitsIntoThirds(activation: Activation) {
        var options = TensorInitialisation.Options()
        options.resample = true
        let (initialisation, _) = Self.meanErrors(activation, sampleCount: 60_000, options: options)
        #expect(initialisation <= 2 * Self.reported(activation), "\(activation) resampled: \(initialisation)")
    }

    /// Fully connected, [ZSJ+17] §7: r = 1, k = d = 10, t = 5, random signs,
    /// squared-relu, κ = 2. MATH.md §8: error ≈ 0.31 at n = 10⁴ and ≈ 0.10 at
    /// n = 10⁵, signs exact in every seed.
    @Test func fullyConnectedSignsAndError() {
        let shape = NetworkShape(patchSize: 10, patchCount: 1, kernelCount: 5)
        func run(seed: UInt64, n: Int) -> (error: Double, signsExact: Bool) {
            let trial = TensorInitTestSupport.trial(seed: seed, shape: shape, signs: .random, activation: .squaredRelu, sampleCount: n)
            let result = TensorInitialisation.run(data: trial.data, shape: shape, activation: .squaredRelu, learnSigns: true,
                                                  knownSigns: nil, source: RandomSource(seed: seed).child("init"))
            let (error, permutation) = TensorInitTestSupport.maxColumnError(result.kernels, truth: trial.truth.kernels)
            let exact = (0..<5).allSatisfy { result.outputSigns[permutation[$0]] == trial.truth.outputSigns[$0] }
            return (error, exact)
        }
        let exactSigns = (UInt64(1)...10).filter { run(seed: $0, n: 10_000).signsExact }.count
        #expect(exactSigns >= 9)
        let meanError = (UInt64(1)...10).map { run(seed: $0, n: 100_000).error }.reduce(0, +) / 10
        // MATH.md ≈ 0.10; 0.25 is 2.5x that and half of the 0.5 the brief
        // calls "well under".
        #expect(meanError <= 0.25, "fully connected mean max column error \(meanError)")
    }

    /// Known but mixed output signs (not learned): the +1s go to the
    /// components with the largest second-order weights.
    @Test func mixedKnownSignsArePlaced() {
        let shape = NetworkShape(patchSize: 10, patchCount: 1, kernelCount: 5)
        var placed = 0
        for seed in UInt64(1)...10 {
            let trial = TensorInitTestSupport.trial(seed: seed, shape: shape, signs: .random, activation: .squaredRelu, sampleCount: 20_000)
            let result = TensorInitialisation.run(data: trial.data, shape: shape, activation: .squaredRelu, learnSigns: false,
                                                  knownSigns: trial.truth.outputSigns, source: RandomSource(seed: seed).child("init"))
            #expect(result.outputSigns.sorted() == trial.truth.outputSigns.sorted())
            let (_, permutation) = TensorInitTestSupport.maxColumnError(result.kernels, truth: trial.truth.kernels)
            if (0..<5).allSatisfy({ result.outputSigns[permutation[$0]] == trial.truth.outputSigns[$0] }) { placed += 1 }
        }
        #expect(placed >= 9)
    }

    @Test func randomSignsNeedNonzeroSecondMoment() {
        for activation in TensorInitTestSupport.activations {
            #expect(TensorInitialisation.validate(activation: activation, learnSigns: false) == nil)
            let message = TensorInitialisation.validate(activation: activation, learnSigns: true)
            if activation.canLearnSigns {
                #expect(message == nil)
            } else {
                #expect(message?.contains(activation.name) == true)
                #expect(message?.contains("m₂") == true)
            }
        }
    }

    /// Threads 1 and 2 give bit-identical results (fixed 4096-sample chunks,
    /// partial sums reduced in chunk order), also with resampling.
    @Test(arguments: TensorInitTestSupport.activations)
    func threadCountDoesNotChangeResult(activation: Activation) {
        let trial = TensorInitTestSupport.trial(seed: 3, shape: Self.cnn, activation: activation, sampleCount: 20_000)
        for resample in [false, true] {
            var results: [TensorInitialisation.Result] = []
            for threads in [1, 2] {
                var options = TensorInitialisation.Options()
                options.threads = threads
                options.resample = resample
                results.append(TensorInitialisation.run(data: trial.data, shape: Self.cnn, activation: activation, learnSigns: false,
                                                        knownSigns: nil, source: RandomSource(seed: 3), options: options))
            }
            #expect(results[0].kernels.values == results[1].kernels.values)
            #expect(results[0].outputSigns == results[1].outputSigns)
            #expect(results[0].warnings == results[1].warnings)
        }
    }

    /// Sigmoid with kernels of norm 10: m₁(10) > m₁(σ_cap = 4), so every
    /// norm is capped at 4 and a warning is recorded.
    @Test func sigmoidNormIsCappedWithWarning() {
        let shape = NetworkShape(patchSize: 6, patchCount: 2, kernelCount: 2)
        var stream = RandomSource(seed: 4).stream
        var kernels = GroundTruth.orthonormalFactor(rows: 6, columns: 2, stream: &stream)
        kernels = 10 * kernels
        let truth = Network(kernels: kernels, activation: .sigmoid, patchCount: 2)
        let data = DataGenerator.draw(truth: truth, sampleCount: 20_000, source: RandomSource(seed: 5))
        let result = TensorInitialisation.run(data: data, shape: shape, activation: .sigmoid, learnSigns: false,
                                              knownSigns: nil, source: RandomSource(seed: 6))
        #expect(result.warnings.count == 2)
        #expect(result.warnings.allSatisfy { $0.contains("capped") })
        for s in 0..<2 { #expect(abs(result.kernels.column(s).euclideanNorm - 4) < 1e-9) }
    }

    /// Above k = 32 the sigmoid/tanh subspace comes from a Gaussian sketch
    /// of the unfolding (q = 4t + 8 directions); it must still find span W*,
    /// nearly as well as the exact k×k² unfolding (formed here directly
    /// from the public slices for comparison).
    @Test func sketchedUnfoldingAboveK32() {
        let shape = NetworkShape(patchSize: 34, patchCount: 1, kernelCount: 3)
        let trial = TensorInitTestSupport.trial(seed: 8, shape: shape, activation: .tanh, sampleCount: 20_000)
        let moments = HermiteMoments(data: trial.data, shape: shape, threads: 2)
        let gram = moments.unfoldingGram(kernelCount: 3, sketchSource: RandomSource(seed: 8).child("sketch"))
        let v = SymmetricEigen(gram).topVectors(byMagnitude: 3)
        let sine = TensorInitTestSupport.subspaceSine(v, trial.truth.kernels)
        var exactGram = Matrix(rows: 34, columns: 34)
        for slice in moments.thirdMomentSlices() { exactGram = exactGram + slice * slice }
        let exactSine = TensorInitTestSupport.subspaceSine(SymmetricEigen(exactGram).topVectors(byMagnitude: 3), trial.truth.kernels)
        let result = TensorInitialisation.run(data: trial.data, shape: shape, activation: .tanh, learnSigns: false,
                                              knownSigns: nil, source: RandomSource(seed: 8))
        let error = TensorInitTestSupport.maxColumnError(result.kernels, truth: trial.truth.kernels).error
        // Measured: sketch 0.14, exact unfolding 0.11, error 0.26. A random
        // 3-dimensional subspace of R³⁴ has sine ≈ 1 and a random W error
        // ≈ 1.5; the q = 4t + 8 = 20 direction sketch may lose a little
        // against the exact Gram matrix but not a factor 2.
        #expect(sine <= 2 * exactSine)
        #expect(sine < 0.5)
        #expect(error < 0.5)
    }
}
