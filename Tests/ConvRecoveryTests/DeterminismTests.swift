import Foundation
import Testing
import ConvRecovery

/// Bit-identical results whatever the thread count, and reproducible seeds
/// (PLATFORM.md: fixed-size chunks reduced in chunk order).
@Suite struct DeterminismTests {
    static func bits(_ m: Matrix) -> [UInt64] { m.values.map(\.bitPattern) }

    /// n = 5000 spans 5 chunks of the pass; every specialisation and the
    /// scalar path, loss, gradient and Gauss–Newton product.
    @Test(arguments: [(4, 3, 2), (8, 6, 3), (12, 12, 2), (18, 17, 2)])
    func lossGradientIsIdenticalForAnyThreadCount(shape: (k: Int, t: Int, r: Int)) {
        for activation in [Activation.relu, .leakyRelu(slope: 0.1), .squaredRelu, .sigmoid, .tanh] {
            let (network, data) = PassFixture.make(k: shape.k, t: shape.t, r: shape.r, n: 5000, activation: activation, seed: 8)
            let one = LossGradient.evaluate(network, on: data, threads: 1)
            let two = LossGradient.evaluate(network, on: data, threads: 2)
            let three = LossGradient.evaluate(network, on: data, threads: 3)
            #expect(one.loss.bitPattern == two.loss.bitPattern && one.loss.bitPattern == three.loss.bitPattern)
            #expect(Self.bits(one.gradient!) == Self.bits(two.gradient!) && Self.bits(one.gradient!) == Self.bits(three.gradient!))
            var stream = RandomStream(seed: 3)
            let direction = Matrix(rows: shape.k, columns: shape.t, values: stream.gaussians(shape.k * shape.t))
            let g1 = LossGradient.gaussNewtonProduct(network, direction: direction, on: data, threads: 1)
            let g2 = LossGradient.gaussNewtonProduct(network, direction: direction, on: data, threads: 2)
            #expect(Self.bits(g1) == Self.bits(g2), "\(activation) \(shape)")
        }
    }

    static func fingerprint(_ result: TrialResult) -> [UInt64] {
        var values = [result.error, result.maxColumnError, result.initError, result.initMaxColumnError,
                      result.initialLoss, result.finalLoss, result.testLoss ?? .nan, result.stepSize, result.initialStepSize]
        values += result.history.flatMap { [Double($0.iteration), $0.loss, $0.error ?? .nan] }
        if let p = result.parameters { values += p.truth + p.initial + p.final + p.finalSigns }
        return values.map(\.bitPattern) + [UInt64(result.iterations), UInt64(result.stepHalvings)]
    }

    /// A whole trial (tensor init, auto step, descent, test loss) with 1 and
    /// 2 threads, and the same seed twice; a different seed differs.
    @Test(arguments: [Activation.relu, .tanh])
    func solverIsIdenticalForAnyThreadCountAndRepeatable(activation: Activation) {
        let problem = Problem(shape: NetworkShape(patchSize: 6, patchCount: 3, kernelCount: 3), activation: activation,
                              sampleCount: 9000, testSampleCount: 2000)
        var options = SolverOptions()
        options.descent.maxIterations = 60
        options.threads = 1
        let one = Solver.solve(problem, options: options, seed: 12, includeParameters: true)
        options.threads = 2
        let two = Solver.solve(problem, options: options, seed: 12, includeParameters: true)
        let again = Solver.solve(problem, options: options, seed: 12, includeParameters: true)
        let other = Solver.solve(problem, options: options, seed: 13, includeParameters: true)
        #expect(Self.fingerprint(one) == Self.fingerprint(two))
        #expect(Self.fingerprint(two) == Self.fingerprint(again))
        #expect(Self.fingerprint(one) != Self.fingerprint(other))
        #expect(one.iterations > 0)
    }

    /// The first n samples of a 2n draw are the n draw (chunks of 4096, so
    /// n = 5000 crosses a chunk boundary), with noise too; threads don't matter.
    @Test func dataGeneratorSamplesAreNested() {
        let shape = NetworkShape(patchSize: 5, patchCount: 3, kernelCount: 2)
        var stream = RandomStream(seed: 1)
        let truth = GroundTruth.draw(shape: shape, conditionNumber: 2, signs: .random, activation: .tanh, stream: &stream)
        let source = RandomSource(seed: 44).child("data")
        let small = DataGenerator.draw(truth: truth, sampleCount: 5000, noise: 0.1, source: source, threads: 1)
        let large = DataGenerator.draw(truth: truth, sampleCount: 10_000, noise: 0.1, source: source, threads: 2)
        #expect(Array(large.inputs.prefix(small.inputs.count)).map(\.bitPattern) == small.inputs.map(\.bitPattern))
        #expect(Array(large.labels.prefix(5000)).map(\.bitPattern) == small.labels.map(\.bitPattern))
        let largeOneThread = DataGenerator.draw(truth: truth, sampleCount: 10_000, noise: 0.1, source: source, threads: 1)
        #expect(largeOneThread.inputs == large.inputs && largeOneThread.labels == large.labels)
        // Labels are F_{W*}(x) + noise: noise-free labels differ only by the noise.
        let clean = DataGenerator.draw(truth: truth, sampleCount: 5000, source: source)
        #expect(clean.inputs == small.inputs)
        let residual = zip(small.labels, clean.labels).map { $0 - $1 }
        let sd = (residual.map { $0 * $0 }.reduce(0, +) / 5000).squareRoot()
        // SD of 5000 N(0, 0.1²) draws: 0.1 ± 0.1/√(2·5000) = ±0.001; 5 SE.
        #expect(abs(sd - 0.1) < 0.005)
        #expect(zip(clean.labels, (0..<5000).map { truth.output(clean.inputs[($0 * 15)..<(($0 + 1) * 15)]) }).allSatisfy { $0 == $1 })
    }
}
