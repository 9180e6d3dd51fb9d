import BenchmarkFixtures
import Foundation

// Min-of-N interleaved timings of the floor and the passes, so that ratios
// come from one run under the same load (machine noise is up to 2x).
// Usage: swift run -c release Interleaved [rounds] [--one-thread] [--in-cache] [--shape=k,r,t,n]
//   rounds        default 15
//   --one-thread  skip the 2-thread rows
//   --shape=k,r,t,n  another shape than the 16,8,4,100000 (the hash
//                 lines then describe that shape)
//   --in-cache    first time the passes on the first 1024 and 4096 samples
//                 (in L2), repeated to 10⁵ samples, against the streamed pass:
//                 equal times mean the pass is compute-bound.
// "loss" rows evaluate the loss without the gradient (forward and
// activations only), which separates the backward sum's cost.

let options = Set(CommandLine.arguments.dropFirst().filter { $0.hasPrefix("--") && !$0.hasPrefix("--shape=") })
let rounds = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 15
let shapeArgument = CommandLine.arguments.first { $0.hasPrefix("--shape=") }.map { $0.dropFirst("--shape=".count) }
let sizes = shapeArgument.map { $0.split(separator: ",").compactMap { Int($0) } } ?? [16, 8, 4, Fixture.sampleCount]
guard sizes.count == 4, sizes.allSatisfy({ $0 > 0 }), sizes[2] <= sizes[0] else {
    FileHandle.standardError.write("Interleaved: --shape=k,r,t,n needs four positive integers with t <= k\n".data(using: .utf8)!)
    exit(2)
}
let shape = NetworkShape(patchSize: sizes[0], patchCount: sizes[1], kernelCount: sizes[2])
let relu = Fixture.problem(.relu, shape: shape, sampleCount: sizes[3])
let tanh = Fixture.problem(.tanh, shape: shape, sampleCount: sizes[3])

func milliseconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) * 1e3 + Double(end.tv_nsec - start.tv_nsec) / 1e6
}

nonisolated(unsafe) var sink = 0.0
var cases: [(String, () -> Void)] = []
for threads in options.contains("--one-thread") ? [1] : [1, 2] {
    cases.append(("floor \(threads)t", { sink += MemoryFloor.read(relu.data, threads: threads) }))
    for (name, p) in [("relu", relu), ("tanh", tanh)] {
        cases.append(("\(name) pass \(threads)t", {
            sink += LossGradient.evaluate(p.point, on: p.data, gradient: true, threads: threads).loss
        }))
        cases.append(("\(name) loss \(threads)t", {
            sink += LossGradient.evaluate(p.point, on: p.data, gradient: false, threads: threads).loss
        }))
        cases.append(("\(name) GN \(threads)t", {
            sink += LossGradient.gaussNewtonProduct(p.point, direction: p.direction, on: p.data, threads: threads)
                .values[0]
        }))
    }
}
if options.contains("--in-cache") {
    for (name, p) in [("relu", relu), ("tanh", tanh)] {
        for size in [1024, 4096, 100_000] {
            let small = p.data.samples(0..<size)
            let reps = 100_000 / size
            var bestPass = Double.infinity, bestLoss = Double.infinity
            for _ in 0..<15 {
                bestPass = min(bestPass, milliseconds { for _ in 0..<reps { sink += LossGradient.evaluate(p.point, on: small, gradient: true, threads: 1).loss } })
                bestLoss = min(bestLoss, milliseconds { for _ in 0..<reps { sink += LossGradient.evaluate(p.point, on: small, gradient: false, threads: 1).loss } })
            }
            print("\(name) n=\(size) x\(reps): pass \(bestPass) ms, loss \(bestLoss) ms")
        }
    }
}
var best = [Double](repeating: .infinity, count: cases.count)
for _ in 0..<rounds {
    for (index, c) in cases.enumerated() { best[index] = min(best[index], milliseconds(c.1)) }
}
let floor1 = best[0], floor2 = best[cases.firstIndex { $0.0 == "floor 2t" } ?? 0]
print("min of \(rounds) interleaved rounds, n = \(sizes[3]), k = \(sizes[0]), r = \(sizes[1]), t = \(sizes[2]), Double")
for (index, c) in cases.enumerated() {
    let floor = c.0.hasSuffix("2t") ? floor2 : floor1
    print(String(format: "%-16@ %8.2f ms   %5.2fx floor(same threads)   %5.2fx 1-thread floor",
                 c.0 as NSString, best[index], best[index] / floor, best[index] / floor1))
}
if sink.isNaN { print(sink) }

// The result bits, to compare builds (e.g. with and without -target-cpu haswell).
for (name, p) in [("relu", relu), ("tanh", tanh)] {
    let one = LossGradient.evaluate(p.point, on: p.data, threads: 1)
    let two = LossGradient.evaluate(p.point, on: p.data, threads: 2)
    let product = LossGradient.gaussNewtonProduct(p.point, direction: p.direction, on: p.data, threads: 1)
    var hash: UInt64 = one.loss.bitPattern
    for value in one.gradient!.values + product.values { hash = (hash &* 0x100000001B3) ^ value.bitPattern }
    let same = one.loss.bitPattern == two.loss.bitPattern && one.gradient! == two.gradient!
    print("\(name): loss \(one.loss), result hash \(String(hash, radix: 16)), 1 vs 2 threads bit-identical: \(same)")
}
