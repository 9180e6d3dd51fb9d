/// One recovery trial, from seed to metrics (MATH.md §2–§6):
/// draw W* and the sample, initialise, descend, measure.
///
/// Random streams, all children of the trial's `RandomSource`:
/// "truth" (W*, v*), "data" (training sample, chunked), "test" (test
/// sample), "init" (random or perturbed start, tensor-method draws),
/// "descent" (power-iteration start). Each depends only on its path, so
/// e.g. changing the initialisation leaves W* and the sample unchanged.
public enum Solver {
    public static func solve(_ problem: Problem, options: SolverOptions, seed: UInt64,
                             includeParameters: Bool = false) -> TrialResult {
        let clock = ContinuousClock()
        let started = clock.now
        let source = RandomSource(seed: seed)
        var timings = TrialResult.Timings()
        let learnSigns = options.learnSigns ?? (problem.signs == .random)

        // Data.
        var mark = clock.now
        var truthStream = source.child("truth").stream
        let truth = GroundTruth.draw(shape: problem.shape, conditionNumber: problem.conditionNumber,
                                     signs: problem.signs, activation: problem.activation, stream: &truthStream)
        let data = DataGenerator.draw(truth: truth, sampleCount: problem.sampleCount, noise: problem.noise,
                                      source: source.child("data"), threads: options.threads)
        timings.data = seconds(clock.now - mark)

        // Resampling: the first half initialises, the second is cut into
        // disjoint parts for the descent steps.
        let (initData, descentParts) = split(data, options: options)

        // Initialisation.
        mark = clock.now
        var warnings: [String] = []
        let start = initialise(problem, truth: truth, data: initData, options: options, learnSigns: learnSigns,
                               source: source.child("init"), warnings: &warnings)
        timings.initialisation = seconds(clock.now - mark)
        let initMeasure = RecoveryError(estimate: start.kernels, truth: truth.kernels,
                                        estimatedSigns: learnSigns ? start.outputSigns : nil,
                                        trueSigns: learnSigns ? truth.outputSigns : nil)

        // Descent.
        mark = clock.now
        var descent = options.descent
        descent.threads = options.threads
        // A random start with learned signs is the "pure gradient" baseline
        // (II) of [ZSJ+17] Fig. 1(c): descent must learn v as well.
        if learnSigns && options.initialisation == .random { descent.updateSigns = true }
        let outcome = descent.run(from: start, parts: descentParts, source: source.child("descent"),
                                  error: { RecoveryError(estimate: $0, truth: truth.kernels).relativeError })
        timings.descent = seconds(clock.now - mark)
        let final = Network(kernels: outcome.kernels, outputSigns: outcome.outputSigns,
                            activation: problem.activation, patchCount: problem.shape.patchCount)
        let measure = RecoveryError(estimate: final.kernels, truth: truth.kernels,
                                    estimatedSigns: learnSigns ? final.outputSigns : nil,
                                    trueSigns: learnSigns ? truth.outputSigns : nil)

        // Generalisation: noise-free loss on fresh samples.
        mark = clock.now
        var testLoss: Double?
        if problem.testSampleCount > 0 {
            let test = DataGenerator.draw(truth: truth, sampleCount: problem.testSampleCount, noise: 0,
                                          source: source.child("test"), threads: options.threads)
            testLoss = LossGradient.evaluate(final, on: test, gradient: false, threads: options.threads).loss
        }
        timings.data += seconds(clock.now - mark)
        timings.total = seconds(clock.now - started)

        var result = TrialResult(
            error: measure.relativeError, maxColumnError: measure.maxColumnError,
            success: measure.success(threshold: options.successThreshold),
            initError: initMeasure.relativeError, initMaxColumnError: initMeasure.maxColumnError,
            initSuccess: initMeasure.success(threshold: options.successThreshold),
            signsRecovered: measure.signsRecovered, initSignsRecovered: initMeasure.signsRecovered,
            iterations: outcome.iterations, initialLoss: outcome.initialLoss, finalLoss: outcome.finalLoss,
            testLoss: testLoss, stepSize: outcome.stepSize, initialStepSize: outcome.initialStepSize,
            stepHalvings: outcome.halvings, stopReason: outcome.stopReason, timings: timings,
            warnings: warnings, history: outcome.history)
        if outcome.stopReason == .diverged || !measure.relativeError.isFinite {
            result.status = .failed
            result.reason = "descent diverged: the loss or the kernels became NaN or infinite after \(outcome.iterations) iterations (step size \(outcome.stepSize))"
        }
        if includeParameters {
            result.parameters = .init(rows: problem.shape.patchSize, columns: problem.shape.kernelCount,
                                      truth: truth.kernels.values, initial: start.kernels.values,
                                      final: final.kernels.values, trueSigns: truth.outputSigns,
                                      initialSigns: start.outputSigns, finalSigns: final.outputSigns)
        }
        return result
    }

    /// The starting network W⁰ (and v⁰).
    static func initialise(_ problem: Problem, truth: Network, data: Dataset, options: SolverOptions,
                           learnSigns: Bool, source: RandomSource, warnings: inout [String]) -> Network {
        let k = problem.shape.patchSize, t = problem.shape.kernelCount
        switch options.initialisation {
        case .random:
            var stream = source.child("random").stream
            let g = Matrix(rows: k, columns: t, values: stream.gaussians(k * t))
            let kernels = (truth.kernels.frobeniusNorm / g.frobeniusNorm) * g
            let signs = learnSigns ? (0..<t).map { _ in stream.nextGaussian() >= 0 ? 1.0 : -1.0 } : truth.outputSigns
            return Network(kernels: kernels, outputSigns: signs, activation: problem.activation,
                           patchCount: problem.shape.patchCount)
        case .perturbed:
            var stream = source.child("perturbed").stream
            let e = Matrix(rows: k, columns: t, values: stream.gaussians(k * t))
            let scale = options.perturbation * truth.kernels.frobeniusNorm / e.frobeniusNorm
            var start = truth
            start.kernels = truth.kernels + scale * e
            return start
        case .tensor:
            return tensorStart(problem, truth: truth, data: data, options: options, learnSigns: learnSigns,
                               source: source, warnings: &warnings)
        }
    }

    static func split(_ data: Dataset, options: SolverOptions) -> (Dataset, [Dataset]) {
        guard options.resample else { return (data, [data]) }
        let half = data.sampleCount / 2
        let rest = data.sampleCount - half
        let partCount = max(1, min(max(1, options.descent.maxIterations), rest / SolverOptions.resamplePartSize))
        let size = rest / partCount
        let parts = (0..<partCount).map { p in data.samples((half + p * size)..<(half + (p + 1) * size)) }
        return (data.samples(0..<half), parts)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
