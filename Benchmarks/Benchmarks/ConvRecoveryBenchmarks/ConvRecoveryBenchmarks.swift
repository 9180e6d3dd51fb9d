import Benchmark
import BenchmarkFixtures

/// The problems are drawn once per process, on first use (Swift statics are
/// lazy and thread-safe), so each benchmark's setup cost stays out of its
/// timings. Each holds one n·d array (n = 100 000, d = 128: 102 MB).
enum Problems {
    static let relu = Fixture.problem(.relu)
    static let tanh = Fixture.problem(.tanh)
    static func of(_ activation: Activation) -> Fixture.Problem {
        activation == .relu ? relu : tanh
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResidentDelta],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .seconds(4),
        maxIterations: 40
    )

    // The memory floor: read X and y once (same bytes as one pass).
    for threads in [1, 2] {
        Benchmark("floor read X once, \(threads) thread\(threads == 1 ? "" : "s")") { benchmark in
            let data = Problems.relu.data
            for _ in benchmark.scaledIterations { blackHole(MemoryFloor.read(data, threads: threads)) }
        } setup: { _ = Problems.relu }
    }

    // One loss-and-gradient pass and one Gauss–Newton product pass.
    for activation in [Activation.relu, .tanh] {
        for threads in [1, 2] {
            let suffix = "\(activation.name), \(threads) thread\(threads == 1 ? "" : "s")"
            Benchmark("loss+gradient \(suffix)") { benchmark in
                let problem = Problems.of(activation)
                for _ in benchmark.scaledIterations {
                    blackHole(LossGradient.evaluate(problem.point, on: problem.data, gradient: true, threads: threads))
                }
            } setup: { _ = Problems.of(activation) }
            Benchmark("gauss-newton product \(suffix)") { benchmark in
                let problem = Problems.of(activation)
                for _ in benchmark.scaledIterations {
                    blackHole(LossGradient.gaussNewtonProduct(problem.point, direction: problem.direction,
                                                              on: problem.data, threads: threads))
                }
            } setup: { _ = Problems.of(activation) }
        }
    }

    // Drawing the sample: n·d Gaussians plus the labels F_{W*}(x_i).
    for threads in [1, 2] {
        Benchmark("DataGenerator.draw n=100000 d=128 relu, \(threads) thread\(threads == 1 ? "" : "s")",
                  configuration: .init(maxIterations: 10)) { benchmark in
            let truth = Problems.relu.truth
            for _ in benchmark.scaledIterations {
                blackHole(DataGenerator.draw(truth: truth, sampleCount: Fixture.sampleCount,
                                             source: RandomSource(seed: 7), threads: threads))
            }
        } setup: { _ = Problems.relu }
    }

    // The tensor initialisation at the same shape (MATH.md §4), 1 thread.
    for activation in [Activation.relu, .tanh] {
        Benchmark("TensorInitialisation.run \(activation.name), 1 thread",
                  configuration: .init(warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
            let problem = Problems.of(activation)
            for _ in benchmark.scaledIterations {
                blackHole(TensorInitialisation.run(data: problem.data, shape: Fixture.shape, activation: activation,
                                                   learnSigns: false, knownSigns: nil,
                                                   source: RandomSource(seed: 1).child("init")))
            }
        } setup: { _ = Problems.of(activation) }
    }
}
