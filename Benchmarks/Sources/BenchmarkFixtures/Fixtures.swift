@_exported import ConvRecovery
import Foundation

/// The shape of the issue: n = 100 000 samples, k = 16, r = 8 (d = 128), t = 4.
public enum Fixture {
    public static let shape = NetworkShape(patchSize: 16, patchCount: 8, kernelCount: 4)
    public static let sampleCount = 100_000

    /// The true network and a sample drawn from it (one n·d array).
    public struct Problem: Sendable {
        public let truth: Network
        /// The network the pass is evaluated at: the truth plus 0.3 ‖W*‖
        /// Gaussian noise, so residuals are non-zero (as in a descent step).
        public let point: Network
        public let data: Dataset
        /// A direction D for the Gauss–Newton product.
        public let direction: Matrix
    }

    public static func problem(_ activation: Activation, seed: UInt64 = 1, shape: NetworkShape = shape,
                               sampleCount: Int = sampleCount) -> Problem {
        let source = RandomSource(seed: seed)
        var stream = source.child("truth").stream
        let truth = GroundTruth.draw(shape: shape, conditionNumber: 2, signs: .ones, activation: activation,
                                     stream: &stream)
        let data = DataGenerator.draw(truth: truth, sampleCount: sampleCount, source: source.child("data"), threads: 2)
        var noise = source.child("start").stream
        let count = shape.patchSize * shape.kernelCount
        let perturbation = Matrix(rows: shape.patchSize, columns: shape.kernelCount, values: noise.gaussians(count))
        let scale = 0.3 * truth.kernels.frobeniusNorm / perturbation.frobeniusNorm
        var point = truth
        point.kernels = truth.kernels + scale * perturbation
        let direction = Matrix(rows: shape.patchSize, columns: shape.kernelCount, values: noise.gaussians(count))
        return Problem(truth: truth, point: point, data: data, direction: direction)
    }
}

/// The memory floor: read every byte of X (and y) once and do the least
/// possible work with it (a sum in 8 independent SIMD4 accumulators, so
/// neither the add latency nor the instruction count limits it), split into
/// the same fixed chunks as the pass so that 2 threads read in the same
/// pattern.
public enum MemoryFloor {
    public static func read(_ data: Dataset, threads: Int) -> Double {
        let n = data.sampleCount, d = data.dimension
        let chunk = LossGradient.chunkSize
        let chunkCount = (n + chunk - 1) / chunk
        let sums: [Double] = data.inputs.withUnsafeBufferPointer { xBuffer in
            data.labels.withUnsafeBufferPointer { yBuffer in
                let x = Pointer(xBuffer.baseAddress!), y = Pointer(yBuffer.baseAddress!)
                return ChunkedParallel.map(chunkCount: chunkCount, threads: threads) { c in
                    let start = c * chunk, end = min(n, start + chunk)
                    return sum(x.base + start * d, count: (end - start) * d) + sum(y.base + start, count: end - start)
                }
            }
        }
        return sums.reduce(0, +)
    }

    @inline(__always)
    static func sum(_ p: UnsafePointer<Double>, count: Int) -> Double {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(), a3 = SIMD4<Double>()
        var a4 = SIMD4<Double>(), a5 = SIMD4<Double>(), a6 = SIMD4<Double>(), a7 = SIMD4<Double>()
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 32 <= count {
            let q = raw + i * 8
            a0 += q.loadUnaligned(as: SIMD4<Double>.self)
            a1 += (q + 32).loadUnaligned(as: SIMD4<Double>.self)
            a2 += (q + 64).loadUnaligned(as: SIMD4<Double>.self)
            a3 += (q + 96).loadUnaligned(as: SIMD4<Double>.self)
            a4 += (q + 128).loadUnaligned(as: SIMD4<Double>.self)
            a5 += (q + 160).loadUnaligned(as: SIMD4<Double>.self)
            a6 += (q + 192).loadUnaligned(as: SIMD4<Double>.self)
            a7 += (q + 224).loadUnaligned(as: SIMD4<Double>.self)
            i += 32
        }
        var total = ((a0 + a1) + (a2 + a3) + ((a4 + a5) + (a6 + a7))).sum()
        while i < count { total += p[i]; i += 1 }
        return total
    }

    struct Pointer: @unchecked Sendable {
        let base: UnsafePointer<Double>
        init(_ base: UnsafePointer<Double>) { self.base = base }
    }
}
