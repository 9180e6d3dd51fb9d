import ArgumentParser
import ConvRecovery
import Foundation

/// `convrec solve`: one recovery from flags.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one recovery: draw W* and a sample, initialise, descend, and report the errors.",
        discussion: """
        Examples:
          convrec solve                                   # squared-relu, k=8, r=4, t=3, n=20000
          convrec solve --activation tanh --samples 80000 --json
          convrec solve --patches 1 --patch-size 10 --kernels 5 --signs random   # fully connected [ZSJ+17]
          convrec solve --init perturbed --perturbation 0.2 --max-iterations 5000
          convrec solve --max-iterations 0 --json         # the starting point only
          convrec solve --patches 1 --patch-size 10 --kernels 5 --signs random --init random --step-size 0.02
                                                          # [ZSJ+17] baseline II: random start, signs learned
        """
    )

    @Option(parsing: .unconditional, help: "Patch size k: the length of one patch and of one kernel.")
    var patchSize = 8
    @Option(parsing: .unconditional, help: "Patch count r: the number of non-overlapping patches (d = r·k).")
    var patches = 4
    @Option(parsing: .unconditional, help: "Kernel count t, 1 ≤ t ≤ k.")
    var kernels = 3
    @Option(parsing: .unconditional, help: "Sample count n.")
    var samples = 20_000
    @Option(help: "Activation: \(Activation.names.joined(separator: ", ")).")
    var activation = "squared-relu"
    @Option(parsing: .unconditional, help: "Slope a of leaky-relu for z < 0, in [0, 1).")
    var leakySlope = Activation.defaultLeakySlope
    @Option(parsing: .unconditional, help: "Condition number κ ≥ 1 of the true kernels W*.")
    var kappa = 2.0
    @Option(help: "Output signs v*: ones, or random (learned; relu, leaky-relu, squared-relu only).")
    var signs = "ones"
    @Flag(help: "Give the solver the true output signs instead of learning them (with --signs random).")
    var knownSigns = false
    @Option(parsing: .unconditional, help: "Standard deviation of Gaussian label noise.")
    var noise = 0.0
    @Option(parsing: .unconditional, help: "Fresh noise-free samples for the test loss (0 = none).")
    var testSamples = 10_000
    @Option(name: .customLong("init"), help: "Initialisation: tensor, random or perturbed.")
    var initialisation = "tensor"
    @Option(parsing: .unconditional, help: "Relative Frobenius size δ of the perturbation (with --init perturbed).")
    var perturbation: Double?
    @Option(parsing: .unconditional, help: "Step size: auto (1/λ_max of the Gauss–Newton matrix at W⁰) or a positive number.")
    var stepSize = "auto"
    @Option(parsing: .unconditional, help: "Gradient-descent iterations at most (0 reports the starting point).")
    var maxIterations = 2000
    @Option(parsing: .unconditional, help: "Stop when ‖∇f‖_F/‖W‖_F falls below this.")
    var tolerance = 1e-9
    @Option(parsing: .unconditional, help: "Stop when the training loss falls below this (0 = off).")
    var lossTolerance = 0.0
    @Flag(help: "Split the sample into disjoint parts for initialisation and each descent step.")
    var resample = false
    @Option(parsing: .unconditional, help: "A trial succeeds when its max column error is at most this.")
    var successThreshold = 0.01
    @Option(parsing: .unconditional, help: "Seed of the trial's random streams.")
    var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Threads inside the trial (default: all cores).")
    var threads: Int?
    @Flag(help: "Print one JSON object instead of a summary.")
    var json = false
    @Flag(help: "Add W*, W⁰ and the final W (column-major) to the JSON.")
    var includeParameters = false

    func validate() throws {
        var problems: [String] = []
        if Activation(name: activation) == nil {
            problems.append("--activation: unknown activation '\(activation)' (valid: \(Activation.names.joined(separator: ", ")))")
        }
        if GroundTruth.Signs(rawValue: signs) == nil { problems.append("--signs: '\(signs)' is not ones or random") }
        if SolverOptions.Initialisation(rawValue: initialisation) == nil {
            problems.append("--init: '\(initialisation)' is not tensor, random or perturbed")
        }
        if stepSize != "auto" && Double(stepSize) == nil {
            problems.append("--step-size: '\(stepSize)' is neither auto nor a number")
        }
        if perturbation != nil && initialisation != "perturbed" {
            problems.append("--perturbation: only used with --init perturbed (got --init \(initialisation))")
        }
        if problems.isEmpty, let (problem, options) = try? configuration() {
            let flag = { (parameter: String) in "--" + parameter.replacingOccurrences(of: "_", with: "-") }
            let flagNames = ["patch_size": "--patch-size", "patches": "--patches", "kernels": "--kernels",
                             "samples": "--samples", "kappa": "--kappa", "noise": "--noise",
                             "leaky_slope": "--leaky-slope", "test_samples": "--test-samples",
                             "signs": "--signs", "perturbation": "--perturbation", "step_size": "--step-size",
                             "max_iterations": "--max-iterations", "tolerance": "--tolerance",
                             "loss_tolerance": "--loss-tolerance", "success_threshold": "--success-threshold",
                             "threads": "--threads", "resample": "--resample"]
            for (parameter, message) in problem.problems + options.problems(for: problem) {
                problems.append("\(flagNames[parameter] ?? flag(parameter)): \(message)")
            }
        }
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    }

    func configuration() throws -> (Problem, SolverOptions) {
        guard let activation = Activation(name: activation, leakySlope: leakySlope),
              let signs = GroundTruth.Signs(rawValue: signs),
              let initialisation = SolverOptions.Initialisation(rawValue: initialisation) else {
            throw ValidationError("invalid flags")
        }
        let shape = NetworkShape(patchSize: patchSize, patchCount: patches, kernelCount: kernels)
        let problem = Problem(shape: shape, activation: activation, conditionNumber: kappa, signs: signs,
                              noise: noise, sampleCount: samples, testSampleCount: testSamples)
        var options = SolverOptions()
        options.initialisation = initialisation
        if let perturbation { options.perturbation = perturbation }
        options.descent.stepSize = stepSize == "auto" ? .auto : .fixed(Double(stepSize) ?? .nan)
        options.descent.maxIterations = maxIterations
        options.descent.gradientTolerance = tolerance
        options.descent.lossTolerance = lossTolerance
        options.resample = resample
        if knownSigns { options.learnSigns = false }
        options.successThreshold = successThreshold
        options.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        return (problem, options)
    }

    func run() throws {
        let (problem, options) = try configuration()
        let result = Solver.solve(problem, options: options, seed: seed, includeParameters: includeParameters)
        if json {
            print(SolveReport.json(problem: problem, options: options, seed: seed, result: result))
        } else {
            print(SolveReport.summary(problem: problem, options: options, seed: seed, result: result))
        }
        if result.status == .failed { throw ExitCode(1) }
    }
}
