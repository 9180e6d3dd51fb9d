import Foundation
import Testing
import ConvRecovery

/// The explicit lane arithmetic (`LaneVector`, `LaneBits`, CLaneVector)
/// against the same operations done one scalar at a time, bit for bit, and
/// the pairing of patches (`PairableLanes`) against single patches.
@Suite struct LaneVectorTests {
    /// Values that exercise signs, zeros, infinities, NaN, subnormals and
    /// ordinary magnitudes.
    static let specials: [Double] = [0, -0.0, 1, -1, 0.5, -3.25, 1e-310, -1e-310, 1e300, -1e300,
                                     .infinity, -.infinity, .nan, 708.5, -708.5, 2.5e-16]

    /// `count` doubles: the specials, then Gaussian values of varied scale.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var stream = RandomSource(seed: seed).child("lane-vector").stream
        return (0..<count).map { i in
            i < specials.count ? specials[i] : stream.nextGaussian() * Foundation.exp(3 * stream.nextGaussian())
        }
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// Every lane of every operation equals the scalar operation's bits.
    func check<V: LaneVector>(_: V.Type, seed: UInt64) {
        let n = V.scalarCount
        let xs = Self.values(64, seed: seed), ys = Self.values(64, seed: seed + 1), zs = Self.values(64, seed: seed + 2)
        for offset in stride(from: 0, to: 64 - n + 1, by: n) {
            var a = V(), b = V(), c = V()
            for i in 0..<n { a[i] = xs[offset + i]; b[i] = ys[(offset + 7 * i) % 64]; c[i] = zs[offset + i] }
            let sum = a + b, difference = a - b, product = a * b, quotient = a / b, negation = -a
            let fused = c.addingProduct(a, b), lower = a.atLeast(b), upper = a.atMost(b)
            for i in 0..<n {
                let (x, y, z) = (a[i], b[i], c[i])
                #expect(Self.same(sum[i], x + y), "\(x) + \(y)")
                #expect(Self.same(difference[i], x - y), "\(x) - \(y)")
                #expect(Self.same(product[i], x * y), "\(x) * \(y)")
                #expect(Self.same(quotient[i], x / y), "\(x) / \(y)")
                #expect(Self.same(negation[i], -x), "-\(x)")
                #expect(Self.same(fused[i], z.addingProduct(x, y)), "fma(\(x), \(y), \(z))")
                #expect(Self.same(lower[i], x.isNaN ? x : (x < y ? y : x)), "max(\(x), \(y))")
                #expect(Self.same(upper[i], x.isNaN ? x : (x > y ? y : x)), "min(\(x), \(y))")
            }
            let p = unsafeBitCast(a, to: V.MaskStorage.self), q = unsafeBitCast(b, to: V.MaskStorage.self)
            var counts = V.MaskStorage()
            for i in 0..<n { counts[i] = Int64(i * 9 % 70) }  // includes counts ≥ 64
            let and = p & q, or = p | q, not = ~p, wrapped = p &- q, right = p &>> counts, left = p &<< counts
            for i in 0..<n {
                #expect(and[i] == p[i] & q[i])
                #expect(or[i] == p[i] | q[i])
                #expect(not[i] == ~p[i])
                #expect(wrapped[i] == p[i] &- q[i])
                #expect(right[i] == p[i] &>> counts[i], "\(p[i]) >> \(counts[i])")
                #expect(left[i] == p[i] &<< counts[i], "\(p[i]) << \(counts[i])")
            }
        }
    }

    @Test func everyWidthMatchesScalarArithmetic() {
        check(SIMD2<Double>.self, seed: 1)
        check(SIMD4<Double>.self, seed: 2)
        check(SIMD8<Double>.self, seed: 3)
        check(SIMD16<Double>.self, seed: 4)
        check(SIMD32<Double>.self, seed: 5)
    }

    /// Two patches evaluated as one SIMD8 give the bits of each as a SIMD4,
    /// for every activation (the fused pass relies on it for t ≤ 4).
    @Test func pairedActivationsMatchSinglePatches() {
        let activations: [(String, any LaneActivation)] = [
            ("relu", ReluLanes()), ("leaky-relu", LeakyReluLanes(slope: 0.01)), ("squared-relu", SquaredReluLanes()),
            ("sigmoid", SigmoidLanes()), ("tanh", TanhLanes()),
        ]
        let xs = Self.values(256, seed: 9).map { $0.isFinite ? $0 : 3 }
        for (name, activation) in activations {
            for offset in stride(from: 0, to: 256, by: 8) {
                var low = SIMD4<Double>(), high = SIMD4<Double>()
                for i in 0..<4 { low[i] = xs[offset + i]; high[i] = xs[offset + 4 + i] }
                let (pairValue, pairDerivative) = activation.valueAndDerivative(SIMD4.pair(low, high))
                let (lowValue, lowDerivative) = activation.valueAndDerivative(low)
                let (highValue, highDerivative) = activation.valueAndDerivative(high)
                let (value0, value1) = SIMD4.halves(pairValue), (derivative0, derivative1) = SIMD4.halves(pairDerivative)
                for i in 0..<4 {
                    #expect(Self.same(value0[i], lowValue[i]) && Self.same(value1[i], highValue[i]), "\(name) value")
                    #expect(Self.same(derivative0[i], lowDerivative[i]) && Self.same(derivative1[i], highDerivative[i]),
                            "\(name) derivative")
                }
            }
        }
    }
}
