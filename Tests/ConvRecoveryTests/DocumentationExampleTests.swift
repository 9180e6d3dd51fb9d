import ConvRecovery
import Testing

/// The worked example of ConvRecovery.docc/ConvRecovery.md, as written
/// there: if the example stops compiling or its printed figures stop being
/// true, this fails.
@Test func documentationExampleSolvesAsDocumented() {
    let problem = Problem(
        shape: NetworkShape(patchSize: 8, patchCount: 4, kernelCount: 3),
        activation: .squaredRelu,
        conditionNumber: 2,
        sampleCount: 20_000)
    var options = SolverOptions()
    options.descent.maxIterations = 2_000
    #expect(problem.problems.isEmpty && options.problems(for: problem).isEmpty)

    let result = Solver.solve(problem, options: options, seed: 1)
    // The figures the page quotes (README's `convrec solve` shows the same
    // trial: 7.440e-02 and 3.363e-08).
    #expect(abs(result.initMaxColumnError - 0.0744) < 0.0005)
    #expect(result.maxColumnError < 1e-7)
    #expect(result.success)
}
