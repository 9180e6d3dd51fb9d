/// Tensor-method initialisation of W (and v) for the non-overlapping
/// convolutional network (MATH.md §4; [ZSD17], [ZSJ+17]).
///
/// Steps, with the orders fixed by the activation (§4.2):
///
/// | activation       | P₂ (subspace)              | P₃ (3-tensor)            |
/// |------------------|----------------------------|--------------------------|
/// | relu, leaky-relu | M₂                         | M₄(·,·,·,α), two passes  |
/// | squared-relu     | M₂                         | M₃                       |
/// | sigmoid, tanh    | Σ_a M₃(·,·,e_a)² unfolding | M₃                       |
///
/// 1. P̂₂ (k×k); 2. V = eigenvectors of P̂₂ for the t largest |λ| (dsyevd);
/// 3. R̂₃ = P̂₃(V,V,V) straight from the samples; 4. KCL/QRJ1D → û_s;
/// 5. RecMagSign from M̂₁ (and Q̂₂ = Vᵀ M̂₂ V for the signs).
/// Relu family: pass 1 uses α₁ = Vg/‖Vg‖, g ~ N(0, I_t); pass 2 uses
/// α ∝ C₁(C₁ᵀC₁)⁻¹𝟙 with C₁ = V Û₁, so |αᵀc_s| is equal for every s.
///
/// Cost: a few passes over X, linear in n·d (O(n·r·k²) for steps 1–2,
/// O(n·r·k³) with the sigmoid/tanh unfolding, O(n·r·(k·t + t³)) per R̂₃).
///
/// Randomness: `source.child("alpha")` (relu family α₁),
/// `source.child("kcl", pass)` (projections), `source.child("sketch")`
/// (k > 32 unfolding sketch).
///
/// Resampling (`Options.resample`): the samples are split into three
/// consecutive disjoint thirds [0, n/3), [n/3, 2n/3), [2n/3, n) — step 1
/// (P̂₂, V) uses the first, step 3 (both R̂₃ passes) the second, step 5
/// (M̂₁, Q̂₂) the third; each third centres its own labels (ȳ, M̂₁, ỹ).
public struct TensorInitialisation {
    public struct Options: Sendable {
        /// KCL's L, the number of random projections.
        public var projections = 100
        /// QRJ1D tolerance = this × t.
        public var tolerancePerDimension = 1e-4
        /// QRJ1D sweep limit.
        public var maxSweeps = 200
        /// σ_cap of the sigmoid/tanh norm inversion.
        public var sigmaCap = 4.0
        /// Split the sample into disjoint thirds for steps 1, 3, 5.
        public var resample = false
        public var threads = 1
        public init() {}
    }

    public struct Result: Sendable {
        /// W⁰ ∈ R^{k×t}.
        public var kernels: Matrix
        /// v (learned, or the known signs placed on the components).
        public var outputSigns: [Double]
        /// E.g. a norm capped at σ_cap, or QRJ1D hitting its sweep limit.
        public var warnings: [String]
    }

    /// Why (activation, learnSigns) is bad input, or nil when it is fine.
    /// Output signs are identifiable only when m₂ ≠ 0: for tanh (v, w) and
    /// (−v, −w) are the same network, for sigmoid they differ by a constant.
    public static func validate(activation: Activation, learnSigns: Bool) -> String? {
        guard learnSigns, !activation.canLearnSigns else { return nil }
        return "random output signs cannot be learned with \(activation.name): its second Hermite moment m₂ is 0, "
            + "so no moment identifies them (for tanh (v, w) and (−v, −w) are the same network; for sigmoid they "
            + "differ only by a constant). Use fixed signs (all +1) or a relu-family or squared-relu activation."
    }

    /// W⁰ (and v) from the sample.
    /// - Parameters:
    ///   - learnSigns: estimate v from Q̂₂ = Vᵀ M̂₂ V (§4.3 step 5); only for
    ///     activations with m₂ ≠ 0 — `validate` explains the rejection,
    ///     and `run` stops on it (the CLI rejects it earlier as bad input).
    ///   - knownSigns: the fixed v when signs are not learned (nil: all +1).
    ///     All-equal signs are used as given; mixed known signs are placed
    ///     on the components by their second-order weights ρ̂_s m₂(1) (the
    ///     +1s on the largest) for the relu family and squared-relu, and in
    ///     component order for sigmoid/tanh, where the moments cannot tell
    ///     them apart. Ignored when `learnSigns` is true.
    ///   - source: the trial's random source; children "alpha", "kcl"/pass
    ///     and "sketch" are used.
    public static func run(data: Dataset, shape: NetworkShape, activation: Activation, learnSigns: Bool,
                           knownSigns: [Double]?, source: RandomSource, options: Options = .init()) -> Result {
        if let problem = validate(activation: activation, learnSigns: learnSigns) { preconditionFailure(problem) }
        precondition(shape.problems.isEmpty, shape.problems.joined(separator: "; "))
        precondition(data.dimension == shape.dimension, "data dimension \(data.dimension) ≠ r·k = \(shape.dimension)")
        let n = data.sampleCount, t = shape.kernelCount
        let threads = max(1, options.threads)
        var warnings: [String] = []

        // Sample parts for steps 1, 3, 5.
        let parts: [Range<Int>]
        if options.resample {
            precondition(n >= 3, "resampling needs at least 3 samples")
            parts = [0..<(n / 3), (n / 3)..<(2 * n / 3), (2 * n / 3)..<n]
        } else {
            parts = [0..<n, 0..<n, 0..<n]
        }
        let first = HermiteMoments(data: data, range: parts[0], shape: shape, threads: threads)
        let third = options.resample ? HermiteMoments(data: data, range: parts[1], shape: shape, threads: threads) : first
        let fifth = options.resample ? HermiteMoments(data: data, range: parts[2], shape: shape, threads: threads) : first

        // Steps 1–2: P̂₂ and V.
        let secondMoment: Matrix?
        let p2: Matrix
        switch activation {
        case .relu, .leakyRelu, .squaredRelu:
            p2 = first.secondMoment()
            secondMoment = p2
        case .sigmoid, .tanh:
            p2 = first.unfoldingGram(kernelCount: t, sketchSource: source.child("sketch"))
            secondMoment = nil
        }
        let basis = SymmetricEigen(p2).topVectors(byMagnitude: t)

        // Steps 3–4: R̂₃ and KCL.
        var kclOptions = KCLDecomposition.Options()
        kclOptions.projections = options.projections
        kclOptions.tolerancePerDimension = options.tolerancePerDimension
        kclOptions.maxSweeps = options.maxSweeps
        func decompose(_ tensor: CubicTensor, pass: Int) -> Matrix {
            let kcl = KCLDecomposition(tensor, source: source.child("kcl", StreamKey.integer(Int64(pass))), options: kclOptions)
            if !kcl.converged {
                warnings.append("tensor initialisation: QRJ1D stopped at \(options.maxSweeps) sweeps before its tolerance (pass \(pass))")
            }
            return kcl.components
        }
        let components: Matrix
        switch activation {
        case .relu, .leakyRelu:
            // Pass 1: α₁ = V g/‖V g‖.
            var stream = source.child("alpha").stream
            let g = Matrix(rows: t, columns: 1, values: stream.gaussians(t))
            let alpha1 = normalised((basis * g).values)
            let u1 = decompose(third.projectedFourthMoment(basis: basis, direction: alpha1), pass: 1)
            // Pass 2: α ∝ C₁(C₁ᵀC₁)⁻¹𝟙, so αᵀc_s is the same for every s.
            let c1 = basis * u1
            let gram = c1.transposed * c1
            let weights = LeastSquares.solve(gram, [Double](repeating: 1, count: t))
            let alpha2 = normalised((c1 * Matrix(rows: t, columns: 1, values: weights)).values)
            components = decompose(third.projectedFourthMoment(basis: basis, direction: alpha2), pass: 2)
        case .squaredRelu, .sigmoid, .tanh:
            components = decompose(third.projectedThirdMoment(basis: basis), pass: 1)
        }

        // Step 5: magnitudes and signs.
        var q2: Matrix? = nil
        if activation.canLearnSigns {
            q2 = fifth.projectedSecondMoment(basis: basis, secondMoment: options.resample ? nil : secondMoment)
        }
        let recovered = MagnitudeAndSign.recover(basis: basis, components: components, firstMoment: fifth.firstMoment,
                                                 projectedSecondMoment: q2, activation: activation,
                                                 learnSigns: learnSigns, knownSigns: knownSigns,
                                                 sigmaCap: options.sigmaCap)
        warnings += recovered.warnings
        return Result(kernels: recovered.kernels, outputSigns: recovered.outputSigns, warnings: warnings)
    }

    private static func normalised(_ x: [Double]) -> [Double] {
        let norm = x.euclideanNorm
        return norm > 0 ? x.map { $0 / norm } : x
    }
}
