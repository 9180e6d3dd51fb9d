/// How a trial starts and how descent runs.
public struct SolverOptions: Sendable {
    /// Where gradient descent starts.
    public enum Initialisation: String, Sendable, CaseIterable, Codable {
        /// The tensor method of MATH.md §4 (the paper's algorithm).
        case tensor
        /// Gaussian W rescaled to ‖W*‖_F. With learned signs, v = sign of a
        /// Gaussian draw and descent updates v as well (the "pure gradient"
        /// baseline II of [ZSJ+17] Fig. 1(c)); otherwise v = v* (baseline III).
        case random
        /// W* plus a random perturbation of relative Frobenius size δ: the
        /// probe of the locally strongly convex basin.
        case perturbed
    }

    public var initialisation: Initialisation = .tensor
    /// δ for `perturbed`: ‖W⁰ − W*‖_F = δ ‖W*‖_F.
    public var perturbation = 0.1
    public var descent = GradientDescent()
    /// Split the sample into disjoint parts: half for the initialisation,
    /// the rest into parts of at least `resamplePartSize` samples, a fresh
    /// one per descent step while they last (MATH.md §4.3, §5).
    public var resample = false
    public static let resamplePartSize = 1000
    /// A trial succeeds when its max column error is at most this.
    public var successThreshold = 0.01
    /// Learn the output signs (default: when the truth's signs are random).
    public var learnSigns: Bool?
    /// Threads used inside the trial (passes over X, data generation).
    public var threads = 1
    /// Tensor-method settings (KCL projections, QRJ1D tolerance, σ cap).
    public var tensor = TensorInitialisation.Options()

    public init() {}

    /// Reasons these options cannot run `problem`, keyed by parameter name.
    public func problems(for problem: Problem) -> [(parameter: String, message: String)] {
        var problems: [(String, String)] = []
        let learns = learnSigns ?? (problem.signs == .random)
        if learns && !problem.activation.canLearnSigns {
            problems.append(("signs", "output signs are not identifiable for \(problem.activation.name): "
                + "for tanh (v, w) and (−v, −w) are the same network, and for sigmoid they differ only by a "
                + "constant no moment sees; use signs: ones with sigmoid or tanh"))
        }
        if !(perturbation > 0) || !perturbation.isFinite {
            problems.append(("perturbation", "must be a finite number > 0 (got \(perturbation))"))
        }
        if case .fixed(let eta) = descent.stepSize, !(eta > 0) || !eta.isFinite {
            problems.append(("step_size", "must be 'auto' or a finite number > 0 (got \(eta))"))
        }
        if descent.maxIterations < 0 { problems.append(("max_iterations", "must be ≥ 0 (got \(descent.maxIterations))")) }
        if !(descent.gradientTolerance >= 0) { problems.append(("tolerance", "must be ≥ 0 (got \(descent.gradientTolerance))")) }
        if !(descent.lossTolerance >= 0) { problems.append(("loss_tolerance", "must be ≥ 0 (got \(descent.lossTolerance))")) }
        if !(successThreshold > 0) { problems.append(("success_threshold", "must be > 0 (got \(successThreshold))")) }
        if threads < 1 { problems.append(("threads", "must be ≥ 1 (got \(threads))")) }
        if resample && problem.sampleCount < 2 * SolverOptions.resamplePartSize {
            problems.append(("resample", "needs at least \(2 * SolverOptions.resamplePartSize) samples (got \(problem.sampleCount))"))
        }
        return problems
    }
}
