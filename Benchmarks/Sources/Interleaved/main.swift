import BenchmarkFixtures
import Foundation

// Min-of-N interleaved timings of the floor and the passes, so that ratios
// come from one run under the same load (machine noise is up to 2x).
// Usage: swift run -c release Interleaved [rounds]   (default 15)

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 15 : 15
let relu = Fixture.problem(.relu)
let tanh = Fixture.problem(.tanh)

func milliseconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) * 1e3 + Double(end.tv_nsec - start.tv_nsec) / 1e6
}

nonisolated(unsafe) var sink = 0.0
var cases: [(String, () -> Void)] = []
for threads in [1, 2] {
    cases.append(("floor \(threads)t", { sink += MemoryFloor.read(relu.data, threads: threads) }))
    for (name, p) in [("relu", relu), ("tanh", tanh)] {
        cases.append(("\(name) pass \(threads)t", {
            sink += LossGradient.evaluate(p.point, on: p.data, gradient: true, threads: threads).loss
        }))
        cases.append(("\(name) GN \(threads)t", {
            sink += LossGradient.gaussNewtonProduct(p.point, direction: p.direction, on: p.data, threads: threads)
                .values[0]
        }))
    }
}
var best = [Double](repeating: .infinity, count: cases.count)
for _ in 0..<rounds {
    for (index, c) in cases.enumerated() { best[index] = min(best[index], milliseconds(c.1)) }
}
let floor1 = best[0], floor2 = best[cases.firstIndex { $0.0 == "floor 2t" }!]
print("min of \(rounds) interleaved rounds, n = \(Fixture.sampleCount), k = 16, r = 8, t = 4, Double")
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
