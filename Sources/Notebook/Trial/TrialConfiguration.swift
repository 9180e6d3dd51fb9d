import ConvRecovery

/// The solver's inputs for one plan point: every model and solver key of
/// the experiment format mapped onto `Problem` and `SolverOptions`.
///
/// | key | becomes |
/// |---|---|
/// | patch_size, patches, kernels | `Problem.shape` (k, r, t) |
/// | activation, leaky_slope | `Problem.activation` |
/// | kappa, signs, noise | `Problem.conditionNumber`, `.signs`, `.noise` |
/// | samples, test_samples | `Problem.sampleCount`, `.testSampleCount` |
/// | init, perturbation | `SolverOptions.initialisation`, `.perturbation` |
/// | step_size | `descent.stepSize` (`.auto` or `.fixed(η)`) |
/// | max_iterations | `descent.maxIterations` |
/// | tolerance (gradient_tolerance) | `descent.gradientTolerance` |
/// | loss_tolerance | `descent.lossTolerance` |
/// | resample, success_threshold, learn_signs | same-named options |
/// | history | `descent.recordHistory` |
///
/// `threads` is not part of the point: the runner chooses it (1 when it
/// runs several trials at once), and results do not depend on it.
public struct TrialConfiguration: Sendable {
    public var problem: Problem
    public var options: SolverOptions

    public init(point: PlanPoint, threads: Int = 1) {
        problem = Problem(shape: point.shape, activation: point.activation, conditionNumber: point.conditionNumber,
                          signs: point.signs, noise: point.noise, sampleCount: point.sampleCount,
                          testSampleCount: point.testSampleCount)
        var options = SolverOptions()
        if let text = point.values["init"]?.string, let initialisation = SolverOptions.Initialisation(rawValue: text) {
            options.initialisation = initialisation
        }
        if let delta = point.values["perturbation"]?.number { options.perturbation = delta }
        options.descent.stepSize = point.stepSize.map(GradientDescent.StepSize.fixed) ?? .auto
        if let iterations = point.values["max_iterations"]?.integer { options.descent.maxIterations = iterations }
        if let tolerance = point.values["tolerance"]?.number { options.descent.gradientTolerance = tolerance }
        if let tolerance = point.values["loss_tolerance"]?.number { options.descent.lossTolerance = tolerance }
        if let resample = point.values["resample"]?.bool { options.resample = resample }
        if let threshold = point.values["success_threshold"]?.number { options.successThreshold = threshold }
        options.learnSigns = point.values["learn_signs"]?.bool
        if let history = point.values["history"]?.bool { options.descent.recordHistory = history }
        options.threads = max(1, threads)
        self.options = options
    }

    /// Why the solver would refuse this point (its preconditions), keyed by
    /// parameter; empty when it can run. The runner checks every point
    /// before running any, since a precondition failure cannot be caught.
    public var problems: [(parameter: String, message: String)] {
        problem.problems + options.problems(for: problem)
    }

    /// The `parameters` of a stored record: every input by its file name
    /// (`TrialFields.parameters`), plus the point's other values (free sweep
    /// variables, `history`).
    public func parameters(point: PlanPoint, seed: UInt64) -> [String: JSONValue] {
        var parameters = TrialFields.parameters(problem: problem, options: options, seed: seed)
        for (name, value) in point.values where parameters[name] == nil {
            parameters[name] = value.json
        }
        return parameters
    }
}

extension ParameterValue {
    /// The value as JSON (integers stay integers).
    public var json: JSONValue {
        switch self {
        case .integer(let v): .integer(v)
        case .real(let v): .number(v)
        case .string(let v): .string(v)
        case .bool(let v): .bool(v)
        }
    }
}
