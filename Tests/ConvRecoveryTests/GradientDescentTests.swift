import Foundation
import Testing
import ConvRecovery

/// Stop rules, the halving safeguard and the history schedule of descent.
@Suite struct GradientDescentTests {
    /// A squared-relu teacher (k=6, r=3, t=2, n=3000) and a start 20% away.
    static func problem(_ activation: Activation = .squaredRelu, seed: UInt64 = 3)
        -> (truth: Network, start: Network, data: Dataset) {
        let shape = NetworkShape(patchSize: 6, patchCount: 3, kernelCount: 2)
        var stream = RandomSource(seed: seed).child("truth").stream
        let truth = GroundTruth.draw(shape: shape, conditionNumber: 2, signs: .ones, activation: activation, stream: &stream)
        let data = DataGenerator.draw(truth: truth, sampleCount: 3000, source: RandomSource(seed: seed).child("data"))
        var e = RandomSource(seed: seed).child("perturbation").stream
        let noise = Matrix(rows: 6, columns: 2, values: e.gaussians(12))
        var start = truth
        start.kernels = truth.kernels + (0.2 * truth.kernels.frobeniusNorm / noise.frobeniusNorm) * noise
        return (truth, start, data)
    }

    @Test func stopsAtMaxIterations() {
        let (_, start, data) = Self.problem()
        var descent = GradientDescent()
        descent.maxIterations = 7
        descent.gradientTolerance = 0
        let result = descent.run(from: start, parts: [data], source: RandomSource(seed: 1))
        #expect(result.stopReason == .maxIterations && result.iterations == 7)
        #expect(result.finalLoss < result.initialLoss)
        // The reported final loss is the loss of the reported kernels.
        var final = start
        final.kernels = result.kernels
        #expect(result.finalLoss == LossGradient.evaluate(final, on: data, gradient: false).loss)
        #expect(result.initialLoss == LossGradient.evaluate(start, on: data, gradient: false).loss)
    }

    /// Stops as soon as ‖∇f‖_F/‖W‖_F < tolerance: true at the end, checked
    /// independently, and false one iteration earlier (re-run to it).
    @Test func stopsAtGradientTolerance() {
        let (_, start, data) = Self.problem()
        var descent = GradientDescent()
        descent.gradientTolerance = 1e-4
        descent.maxIterations = 5000
        let result = descent.run(from: start, parts: [data], source: RandomSource(seed: 1))
        #expect(result.stopReason == .gradientTolerance)
        func ratio(_ kernels: Matrix) -> Double {
            var network = start
            network.kernels = kernels
            return LossGradient.evaluate(network, on: data).gradient!.frobeniusNorm / kernels.frobeniusNorm
        }
        #expect(ratio(result.kernels) < 1e-4)
        #expect(result.iterations > 1)
        var earlier = descent
        earlier.maxIterations = result.iterations - 1
        earlier.gradientTolerance = 0
        let before = earlier.run(from: start, parts: [data], source: RandomSource(seed: 1))
        #expect(ratio(before.kernels) >= 1e-4)
    }

    @Test func stopsAtLossTolerance() {
        let (_, start, data) = Self.problem()
        var descent = GradientDescent()
        let initial = LossGradient.evaluate(start, on: data, gradient: false).loss
        descent.lossTolerance = 1e-3 * initial
        descent.maxIterations = 5000
        let result = descent.run(from: start, parts: [data], source: RandomSource(seed: 1))
        #expect(result.stopReason == .lossTolerance)
        #expect(result.finalLoss < 1e-3 * initial && result.iterations < 5000)
        // Loss tolerance 0 means off: the same run stops on something else.
        descent.lossTolerance = 0
        descent.maxIterations = result.iterations
        #expect(descent.run(from: start, parts: [data], source: RandomSource(seed: 1)).stopReason != .lossTolerance)
    }

    /// A fixed step 100× the stable one: the safeguard halves η until the
    /// loss falls, the loss never rises, and η ends as the start / 2^halvings.
    @Test func tooLargeFixedStepIsHalved() {
        let (_, start, data) = Self.problem()
        var auto = GradientDescent()
        auto.maxIterations = 0
        let stable = auto.run(from: start, parts: [data], source: RandomSource(seed: 1)).initialStepSize
        var descent = GradientDescent()
        descent.stepSize = .fixed(100 * stable)
        descent.maxIterations = 30
        descent.gradientTolerance = 0
        let result = descent.run(from: start, parts: [data], source: RandomSource(seed: 1))
        #expect(result.halvings > 0)
        #expect(result.stopReason == .maxIterations)
        #expect(result.finalLoss < result.initialLoss)
        #expect(result.initialStepSize == 100 * stable)
        #expect(result.stepSize == 100 * stable / pow(2, Double(result.halvings)))
        // The recorded history never goes up.
        let losses = result.history.map(\.loss)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0.1 <= $0.0 }, "\(losses)")
    }

    /// auto: η = 1/λ̂ with λ̂ the top eigenvalue of the Gauss–Newton matrix.
    /// For k·t = 12 the matrix is built explicitly column by column
    /// (gaussNewtonProduct on the unit basis, itself checked against an
    /// explicit Jacobian in LossGradientTests) and λ_max found by 2000 power
    /// steps. 20 power iterations under-estimate by < 2% (MATH.md §5), and a
    /// Rayleigh quotient never over-estimates.
    @Test func autoStepIsInverseTopEigenvalue() {
        let (_, start, data) = Self.problem()
        let p = 12
        var g = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for q in 0..<p {
            var basis = Matrix(rows: 6, columns: 2)
            basis.values[q] = 1
            g[q] = LossGradient.gaussNewtonProduct(start, direction: basis, on: data).values
        }
        var v = [Double](repeating: 1, count: p)
        var lambda = 0.0
        for _ in 0..<2000 {
            let w = (0..<p).map { i in (0..<p).reduce(0) { $0 + g[$1][i] * v[$1] } }
            lambda = w.dot(v) / v.dot(v)
            let norm = w.euclideanNorm
            v = w.map { $0 / norm }
        }
        var descent = GradientDescent()
        descent.maxIterations = 0
        let eta = descent.run(from: start, parts: [data], source: RandomSource(seed: 1)).initialStepSize
        #expect(1 / eta <= lambda * (1 + 1e-9))
        #expect(1 / eta >= 0.98 * lambda, "λ̂ = \(1 / eta), λ_max = \(lambda)")
    }

    @Test func zeroIterationsReportTheStart() {
        let (_, start, data) = Self.problem()
        var descent = GradientDescent()
        descent.maxIterations = 0
        let result = descent.run(from: start, parts: [data], source: RandomSource(seed: 1))
        #expect(result.iterations == 0 && result.stopReason == .maxIterations)
        #expect(result.kernels == start.kernels && result.finalLoss == result.initialLoss)
        #expect(result.history.map(\.iteration) == [0])
    }

    /// Every iteration up to perDecade, then round(10^(j/perDecade)),
    /// computed here directly.
    @Test(arguments: [1, 4, 10])
    func historyScheduleIsLogSpaced(perDecade: Int) {
        let schedule = HistorySchedule(perDecade: perDecade)
        var expected = Set(0...perDecade)
        for j in 0...(6 * perDecade) { expected.insert(Int(pow(10, Double(j) / Double(perDecade)).rounded())) }
        let upTo = 100_000
        let got = Set((0...upTo).filter { schedule.contains($0) })
        #expect(got == expected.filter { $0 <= upTo })
        // Log spacing: about perDecade points per decade beyond the start.
        let lastDecade = got.filter { $0 > 10_000 && $0 <= 100_000 }.count
        #expect(lastDecade == perDecade)
    }

    @Test func historyRecordsScheduleAndFinalIteration() {
        let (truth, start, data) = Self.problem()
        var descent = GradientDescent()
        descent.maxIterations = 57
        descent.gradientTolerance = 0
        let result = descent.run(from: start, parts: [data], source: RandomSource(seed: 1)) {
            RecoveryError(estimate: $0, truth: truth.kernels).relativeError
        }
        let schedule = HistorySchedule(perDecade: descent.historyPerDecade)
        let expected = (0...57).filter { schedule.contains($0) } + (schedule.contains(57) ? [] : [57])
        #expect(result.history.map(\.iteration) == expected)
        #expect(result.history.last!.loss == result.finalLoss)
        #expect(result.history.last!.error == RecoveryError(estimate: result.kernels, truth: truth.kernels).relativeError)
    }
}
