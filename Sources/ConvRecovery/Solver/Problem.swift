/// What one trial recovers: the network's shape, its activation, how the
/// true kernels and the data are drawn (MATH.md §2).
public struct Problem: Sendable, Hashable {
    public var shape: NetworkShape
    public var activation: Activation
    /// κ = σ_max(W*)/σ_min(W*) ≥ 1.
    public var conditionNumber: Double = 2
    public var signs: GroundTruth.Signs = .ones
    /// Standard deviation s of the Gaussian label noise (0 = noise-free).
    public var noise: Double = 0
    /// n, the training sample size.
    public var sampleCount: Int
    /// Fresh noise-free samples for the test loss (0 = no test loss).
    public var testSampleCount: Int = 10_000

    public init(shape: NetworkShape, activation: Activation, conditionNumber: Double = 2,
                signs: GroundTruth.Signs = .ones, noise: Double = 0, sampleCount: Int,
                testSampleCount: Int = 10_000) {
        self.shape = shape
        self.activation = activation
        self.conditionNumber = conditionNumber
        self.signs = signs
        self.noise = noise
        self.sampleCount = sampleCount
        self.testSampleCount = testSampleCount
    }

    /// Every reason this problem cannot be run, keyed by the parameter at
    /// fault (the names of the command-line flags and experiment keys).
    public var problems: [(parameter: String, message: String)] {
        var problems: [(String, String)] = []
        if shape.patchSize < 1 { problems.append(("patch_size", "must be a positive integer (got \(shape.patchSize))")) }
        if shape.patchCount < 1 { problems.append(("patches", "must be a positive integer (got \(shape.patchCount))")) }
        if shape.kernelCount < 1 { problems.append(("kernels", "must be a positive integer (got \(shape.kernelCount))")) }
        if shape.patchSize >= 1 && shape.kernelCount > shape.patchSize {
            problems.append(("kernels", "the kernel count t = \(shape.kernelCount) exceeds the patch size k = \(shape.patchSize); recovery needs 1 ≤ t ≤ k"))
        }
        if sampleCount < 1 { problems.append(("samples", "must be a positive integer (got \(sampleCount))")) }
        if testSampleCount < 0 { problems.append(("test_samples", "must be 0 or a positive integer (got \(testSampleCount))")) }
        if !(conditionNumber >= 1) || !conditionNumber.isFinite {
            problems.append(("kappa", "the condition number must be a finite number ≥ 1 (got \(conditionNumber))"))
        }
        if !(noise >= 0) || !noise.isFinite { problems.append(("noise", "must be a finite number ≥ 0 (got \(noise))")) }
        if case .leakyRelu(let slope) = activation, !(slope >= 0 && slope < 1) {
            problems.append(("leaky_slope", "must be in [0, 1) (got \(slope))"))
        }
        return problems
    }
}
