import Foundation
import Testing
import ConvRecovery

/// The random streams every trial is a pure function of (PLATFORM.md: pin
/// the stream with golden values).
@Suite struct RandomStreamTests {
    /// Golden values from an independent reference: the published xoshiro256**
    /// and SplitMix64 algorithms (Blackman & Vigna; Steele, Lea & Flood),
    /// written out in Python, not the Swift output. Reproduce with:
    ///
    ///     python3 - <<'PY'
    ///     M=(1<<64)-1
    ///     def sm(s):
    ///         s=(s+0x9E3779B97F4A7C15)&M; z=s
    ///         z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M; z=((z^(z>>27))*0x94D049BB133111EB)&M
    ///         return s, z^(z>>31)
    ///     def rotl(x,k): return ((x<<k)|(x>>(64-k)))&M
    ///     def xo(seed,n):
    ///         s=seed; st=[]
    ///         for _ in range(4): s,v=sm(s); st.append(v)
    ///         out=[]
    ///         for _ in range(n):
    ///             r=(rotl((st[1]*5)&M,7)*9)&M; t=(st[1]<<17)&M
    ///             st[2]^=st[0]; st[3]^=st[1]; st[1]^=st[2]; st[0]^=st[3]; st[2]^=t; st[3]=rotl(st[3],45)
    ///             out.append(r)
    ///         return out
    ///     for seed in (0,1,42):
    ///         o=xo(seed,4); print(seed,[hex(x) for x in o],[repr((x>>11)*2.0**-53) for x in o[:2]])
    ///     PY
    static let golden: [(seed: UInt64, bits: [UInt64], uniforms: [Double])] = [
        (0, [0x99ec5f36cb75f2b4, 0xbf6e1f784956452a, 0x1a5f849d4933e6e0, 0x6aa594f1262d2d2c],
         [0.6012629994179048, 0.7477740925472398]),
        (1, [0xb3f2af6d0fc710c5, 0x853b559647364cea, 0x92f89756082a4514, 0x642e1c7bc266a3a7],
         [0.7029218331588505, 0.5204366199388569]),
        (42, [0x15780b2e0c2ec716, 0x6104d9866d113a7e, 0xae17533239e499a1, 0xecb8ad4703b360a1],
         [0.08386297105988216, 0.3789802506626686]),
    ]

    @Test func firstOutputsMatchReferenceImplementation() {
        for (seed, bits, uniforms) in Self.golden {
            var stream = RandomStream(seed: seed)
            let drawn = (0..<bits.count).map { _ in stream.next() }
            #expect(drawn == bits, "seed \(seed)")
            var again = RandomStream(seed: seed)
            let u = (0..<uniforms.count).map { _ in again.nextUniform() }
            // (x >> 11)·2⁻⁵³ is exact in Double: compare bit for bit.
            #expect(u.map(\.bitPattern) == uniforms.map(\.bitPattern), "seed \(seed)")
        }
    }

    /// A path names a stream: how and in what order sources are derived
    /// must not matter, and different paths must give different streams.
    @Test func pathDerivationIsIndependentOfCallOrder() {
        let root = RandomSource(seed: 7)
        func firstBits(_ source: RandomSource) -> [UInt64] {
            var s = source.stream
            return (0..<4).map { _ in s.next() }
        }
        // Derive in one order, drawing from each stream as we go …
        var a = root.child("data", 3).stream
        let aFirst = (0..<4).map { _ in a.next() }
        var b = root.child("truth").stream
        let bFirst = (0..<4).map { _ in b.next() }
        // … and in the other order, nested differently.
        let bAgain = firstBits(RandomSource(seed: 7).child("truth"))
        let aAgain = firstBits(RandomSource(seed: 7).child("data").child(3))
        #expect(aFirst == aAgain)
        #expect(bFirst == bAgain)
        #expect(aFirst == firstBits(RandomSource(seed: 7, path: ["data", 3])))
        // Distinct paths and seeds give distinct streams.
        let distinct: [[UInt64]] = [
            firstBits(root), firstBits(root.child("data")), firstBits(root.child("data", 4)),
            firstBits(root.child("ab", "c")), firstBits(root.child("a", "bc")),
            firstBits(root.child(3, "data")), firstBits(RandomSource(seed: 8).child("data", 3)),
            firstBits(root.child(StreamKey.real(0.5))), firstBits(root.child(StreamKey.real(0.25))),
            aFirst, bFirst,
        ]
        #expect(Set(distinct.map { $0.description }).count == distinct.count)
        // +0 and −0 name the same parameter value.
        #expect(firstBits(root.child(StreamKey.real(0.0))) == firstBits(root.child(StreamKey.real(-0.0))))
    }

    /// Moments of 10⁶ draws against N(0, 1): E z = 0, E z² = 1, E z⁴ = 3,
    /// P(|z| > 3) = 0.0026998, P(|z| > 3.5) = 4.6525e−4 (beyond the ziggurat's
    /// base r = 3.44, so the tail algorithm is exercised). Each statistic's
    /// standard error is σ/√n from the normal's own moments: Var z = 1,
    /// Var z² = 2, Var z⁴ = E z⁸ − 9 = 96, Var 1[..] = p(1 − p). Bounds are 5 SE
    /// (a false alarm has probability ~6·10⁻⁷ per statistic).
    @Test func gaussianMomentsWithinMonteCarloError() {
        let n = 1_000_000
        var stream = RandomSource(seed: 2024).child("moments").stream
        var s1 = 0.0, s2 = 0.0, s4 = 0.0
        var beyond3 = 0, beyond35 = 0
        for _ in 0..<n {
            let z = stream.nextGaussian()
            let z2 = z * z
            s1 += z; s2 += z2; s4 += z2 * z2
            if abs(z) > 3 { beyond3 += 1 }
            if abs(z) > 3.5 { beyond35 += 1 }
        }
        let count = Double(n)
        func within(_ value: Double, _ expected: Double, variance: Double) -> Bool {
            abs(value - expected) <= 5 * (variance / count).squareRoot()
        }
        let mean = s1 / count, second = s2 / count, fourth = s4 / count
        #expect(within(mean, 0, variance: 1), "mean \(mean)")
        #expect(within(second, 1, variance: 2), "E z² \(second)")
        #expect(within(fourth, 3, variance: 96), "E z⁴ \(fourth)")
        let p3 = erfc(3 / 2.0.squareRoot()), p35 = erfc(3.5 / 2.0.squareRoot())
        #expect(within(Double(beyond3) / count, p3, variance: p3 * (1 - p3)), "P(|z|>3) \(Double(beyond3) / count)")
        #expect(within(Double(beyond35) / count, p35, variance: p35 * (1 - p35)), "P(|z|>3.5) \(Double(beyond35) / count)")
    }

    /// Uniforms lie in [0, 1), have mean ½ and variance 1/12 (5 SE bounds:
    /// Var U = 1/12, Var U² = 4/45); nextInt(below:) covers 0..<7 evenly.
    @Test func uniformInUnitInterval() {
        let n = 1_000_000
        var stream = RandomStream(seed: 99)
        var low = 1.0, high = 0.0, s1 = 0.0, s2 = 0.0
        for _ in 0..<n {
            let u = stream.nextUniform()
            low = min(low, u); high = max(high, u)
            s1 += u; s2 += u * u
        }
        let count = Double(n)
        #expect(low >= 0 && high < 1)
        #expect(abs(s1 / count - 0.5) <= 5 * (1.0 / 12 / count).squareRoot())
        #expect(abs(s2 / count - 1.0 / 3) <= 5 * (4.0 / 45 / count).squareRoot())

        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[stream.nextInt(below: 7)] += 1 }
        // Each count is Binomial(70000, 1/7): mean 10000, SD ≈ 92.6.
        for c in counts { #expect(abs(c - 10_000) <= 5 * 93, "counts \(counts)") }
    }
}
