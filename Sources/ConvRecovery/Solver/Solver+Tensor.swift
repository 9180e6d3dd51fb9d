extension Solver {
    /// The tensor-method start of MATH.md §4 (`TensorInitialisation`), with
    /// the output signs learned from Q̂₂ or taken as the true ones.
    static func tensorStart(_ problem: Problem, truth: Network, data: Dataset, options: SolverOptions,
                            learnSigns: Bool, source: RandomSource, warnings: inout [String]) -> Network {
        var tensorOptions = options.tensor
        tensorOptions.threads = options.threads
        tensorOptions.resample = options.resample
        let result = TensorInitialisation.run(data: data, shape: problem.shape, activation: problem.activation,
                                              learnSigns: learnSigns, knownSigns: learnSigns ? nil : truth.outputSigns,
                                              source: source.child("tensor"), options: tensorOptions)
        warnings += result.warnings
        return Network(kernels: result.kernels, outputSigns: result.outputSigns, activation: problem.activation,
                       patchCount: problem.shape.patchCount)
    }
}
