import Foundation
import Testing
import ConvRecovery

/// Hungarian matching against brute force, and the recovery error's
/// invariance under relabelling the estimated kernels.
@Suite struct HungarianTests {
    static func permutations(_ n: Int) -> [[Int]] {
        if n == 0 { return [[]] }
        return permutations(n - 1).flatMap { p in (0...p.count).map { i in var q = p; q.insert(n - 1, at: i); return q } }
    }

    static func cost(_ c: [[Double]], _ p: [Int]) -> Double {
        p.enumerated().reduce(0) { $0 + c[$1.offset][$1.element] }
    }

    /// 100 random cost matrices for each t = 1…6; half of them drawn from
    /// {0, 1, 2} so that ties between optimal assignments are common. The
    /// result must be a permutation attaining the brute-force minimum
    /// (exactly: sums of at most 6 small integers or of the same doubles).
    @Test(arguments: 1...6)
    func matchesBruteForce(t: Int) {
        var stream = RandomStream(seed: UInt64(t))
        let all = Self.permutations(t)
        #expect(all.count == (1...t).reduce(1, *))
        for trial in 0..<100 {
            let ties = trial % 2 == 0
            let c = (0..<t).map { _ in (0..<t).map { _ in ties ? Double(stream.nextInt(below: 3)) : stream.nextUniform() * 10 } }
            let assignment = Hungarian.assignment(c)
            #expect(assignment.sorted() == Array(0..<t), "not a permutation: \(assignment)")
            let best = all.map { Self.cost(c, $0) }.min()!
            let got = Self.cost(c, assignment)
            #expect(abs(got - best) <= 1e-12 * max(1, best), "t=\(t) trial \(trial): \(got) vs brute force \(best)")
        }
    }

    @Test func negativeAndLargeCosts() {
        let c: [[Double]] = [[-5, 1e9, 3], [2, -1e9, 0], [0, 0, -2]]
        #expect(Hungarian.assignment(c) == [0, 1, 2])
        #expect(Hungarian.assignment([]) == [])
    }

    /// Permuting the estimated columns changes neither error, and the
    /// reported matching follows the permutation.
    @Test func recoveryErrorIsPermutationInvariant() {
        var stream = RandomStream(seed: 11)
        for t in 1...6 {
            let k = 8
            let truth = Matrix(rows: k, columns: t, values: stream.gaussians(k * t))
            let noise = Matrix(rows: k, columns: t, values: stream.gaussians(k * t))
            let estimate = truth + 0.05 * noise
            let base = RecoveryError(estimate: estimate, truth: truth)
            // Identity matching is optimal for a small perturbation: direct values.
            #expect(base.permutation == Array(0..<t))
            let direct = (estimate - truth).frobeniusNorm / truth.frobeniusNorm
            #expect(abs(base.relativeError - direct) <= 1e-14 * direct)
            let directMax = (0..<t).map { j in
                zip(estimate.column(j), truth.column(j)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                    / truth.column(j).euclideanNorm
            }.max()!
            #expect(abs(base.maxColumnError - directMax) <= 1e-14 * directMax)
            for _ in 0..<10 {
                var order = Array(0..<t)
                for i in stride(from: t - 1, to: 0, by: -1) { order.swapAt(i, stream.nextInt(below: i + 1)) }
                let shuffled = estimate.permutingColumns(order)
                let measured = RecoveryError(estimate: shuffled, truth: truth)
                #expect(measured.relativeError == base.relativeError || abs(measured.relativeError - base.relativeError) <= 1e-15 * direct)
                #expect(measured.maxColumnError == base.maxColumnError)
                // True kernel j is matched to the shuffled column holding estimate j.
                #expect((0..<t).allSatisfy { order[measured.permutation[$0]] == $0 })
            }
        }
    }

    @Test func signsRecoveredFollowTheMatching() {
        let truth = Matrix(columns: [[1, 0, 0], [0, 1, 0]])
        let estimate = Matrix(columns: [[0, 1.01, 0], [1, 0, 0.01]])
        let good = RecoveryError(estimate: estimate, truth: truth, estimatedSigns: [-1, 1], trueSigns: [1, -1])
        #expect(good.permutation == [1, 0] && good.signsRecovered == true && good.success(threshold: 0.02))
        let bad = RecoveryError(estimate: estimate, truth: truth, estimatedSigns: [1, 1], trueSigns: [1, -1])
        #expect(bad.signsRecovered == false && !bad.success(threshold: 0.02))
    }
}
