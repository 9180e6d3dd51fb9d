import ConvRecovery

/// The names under which a trial's inputs and outputs are written: the JSON
/// of `convrec solve --json` and the `parameters` / `metrics` of a stored
/// trial record. These names are a contract (reports, diffs and users'
/// scripts read them); they match the experiment-file keys and CLI flags.
public enum TrialFields {
    /// Every input of the trial by its experiment-file name.
    public static func parameters(problem: Problem, options: SolverOptions, seed: UInt64) -> [String: JSONValue] {
        var slope = Activation.defaultLeakySlope
        if case .leakyRelu(let a) = problem.activation { slope = a }
        let stepSize: JSONValue = switch options.descent.stepSize {
        case .auto: .string("auto")
        case .fixed(let eta): .number(eta)
        }
        return [
            "patch_size": .integer(problem.shape.patchSize),
            "patches": .integer(problem.shape.patchCount),
            "kernels": .integer(problem.shape.kernelCount),
            "dimension": .integer(problem.shape.dimension),
            "samples": .integer(problem.sampleCount),
            "test_samples": .integer(problem.testSampleCount),
            "activation": .string(problem.activation.name),
            "leaky_slope": .number(slope),
            "kappa": .number(problem.conditionNumber),
            "signs": .string(problem.signs.rawValue),
            "noise": .number(problem.noise),
            "init": .string(options.initialisation.rawValue),
            "perturbation": .number(options.perturbation),
            "step_size": stepSize,
            "max_iterations": .integer(options.descent.maxIterations),
            "tolerance": .number(options.descent.gradientTolerance),
            "loss_tolerance": .number(options.descent.lossTolerance),
            "resample": .bool(options.resample),
            "success_threshold": .number(options.successThreshold),
            "learn_signs": .bool(options.learnSigns ?? (problem.signs == .random)),
            "seed": .integer(Int(truncatingIfNeeded: seed)),
        ]
    }

    /// The trial's measurements (without its history).
    public static func metrics(_ result: TrialResult) -> [String: JSONValue] {
        var metrics: [String: JSONValue] = [
            "status": .string(result.status.rawValue),
            "error": .number(result.error),
            "max_column_error": .number(result.maxColumnError),
            "success": .bool(result.success),
            "init_error": .number(result.initError),
            "init_max_column_error": .number(result.initMaxColumnError),
            "init_success": .bool(result.initSuccess),
            "iterations": .integer(result.iterations),
            "initial_loss": .number(result.initialLoss),
            "final_loss": .number(result.finalLoss),
            "test_loss": result.testLoss.map(JSONValue.number) ?? .null,
            "step_size": .number(result.stepSize),
            "initial_step_size": .number(result.initialStepSize),
            "step_halvings": .integer(result.stepHalvings),
            "stop_reason": .string(result.stopReason.rawValue),
            "timings": timings(result.timings),
            "warnings": .array(result.warnings.map(JSONValue.string)),
        ]
        if let reason = result.reason { metrics["reason"] = .string(reason) }
        if let recovered = result.signsRecovered { metrics["signs_recovered"] = .bool(recovered) }
        if let recovered = result.initSignsRecovered { metrics["init_signs_recovered"] = .bool(recovered) }
        return metrics
    }

    public static func timings(_ timings: TrialResult.Timings) -> JSONValue {
        .object(["data": .number(timings.data), "init": .number(timings.initialisation),
                 "descent": .number(timings.descent), "total": .number(timings.total)])
    }

    /// The convergence record as an array of {iteration, loss, error}.
    public static func history(_ result: TrialResult) -> JSONValue {
        .array(result.history.map { point in
            .object(["iteration": .integer(point.iteration), "loss": .number(point.loss),
                     "error": point.error.map(JSONValue.number) ?? .null])
        })
    }

    /// The object printed by `convrec solve --json`: the metrics, every
    /// input parameter (also under `inputs`, where `step_size` is the rule
    /// given — "auto" or a number — while the top-level `step_size` is the η
    /// in force at the end), the history, and with `includeParameters` the
    /// matrices W*, W⁰, W (column-major k×t) and signs.
    public static func solveJSON(problem: Problem, options: SolverOptions, seed: UInt64,
                                 threads: Int, result: TrialResult) -> JSONValue {
        var inputs = parameters(problem: problem, options: options, seed: seed)
        inputs["threads"] = .integer(threads)
        var object = inputs
        object["step_size_rule"] = inputs["step_size"]
        for (key, value) in metrics(result) { object[key] = value }
        object["inputs"] = .object(inputs)
        object["history"] = history(result)
        object["solver_version"] = .string(ConvRecoveryVersion.solver)
        object["tool_version"] = .string(ConvRecoveryVersion.tool)
        if let p = result.parameters {
            object["w_star"] = .array(p.truth.map(JSONValue.number))
            object["w_init"] = .array(p.initial.map(JSONValue.number))
            object["w_final"] = .array(p.final.map(JSONValue.number))
            object["v_star"] = .array(p.trueSigns.map(JSONValue.number))
            object["v_init"] = .array(p.initialSigns.map(JSONValue.number))
            object["v_final"] = .array(p.finalSigns.map(JSONValue.number))
            object["matrix_shape"] = .array([.integer(p.rows), .integer(p.columns)])
        }
        return .object(object)
    }
}
